namespace WorkBrain.Core.Documents.Retrieval;

/// <summary>An in-memory inverted index scored with Okapi BM25 (k1 1.2, b 0.75). Entries are numbered in insertion order;
/// removed entries are skipped until the index is rebuilt. Not thread-safe: <see cref="DocumentIndex"/> locks around it.</summary>
internal sealed class Bm25Index
{
    private const float K1 = 1.2f;
    private const float B = 0.75f;

    private readonly Dictionary<string, Postings> _postings = new(StringComparer.Ordinal);
    private readonly List<int> _lengths = [];
    private readonly HashSet<int> _removed = [];
    private long _totalLength;

    public int Count => _lengths.Count - _removed.Count;

    public int Add(IReadOnlyList<string> tokens)
    {
        var entry = _lengths.Count;
        _lengths.Add(tokens.Count);
        _totalLength += tokens.Count;
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var token in tokens)
        {
            counts[token] = counts.GetValueOrDefault(token) + 1;
        }

        foreach (var (token, tf) in counts)
        {
            if (!_postings.TryGetValue(token, out var postings))
            {
                postings = new Postings();
                _postings[token] = postings;
            }

            postings.Entries.Add(entry);
            postings.Frequencies.Add(tf);
        }

        return entry;
    }

    public void Remove(int entry)
    {
        if (entry >= 0 && entry < _lengths.Count && _removed.Add(entry))
        {
            _totalLength -= _lengths[entry];
        }
    }

    /// <summary>The best <paramref name="k"/> entries for the query, best first; <paramref name="allowed"/> filters entries.</summary>
    public List<(int Entry, float Score)> Search(IReadOnlyList<string> queryTokens, int k, Func<int, bool>? allowed = null)
    {
        var live = Count;
        if (live == 0 || k <= 0)
        {
            return [];
        }

        var averageLength = Math.Max(1f, (float)_totalLength / live);
        var scores = new float[_lengths.Count];
        var touched = new List<int>();
        foreach (var token in queryTokens.Distinct(StringComparer.Ordinal))
        {
            if (!_postings.TryGetValue(token, out var postings))
            {
                continue;
            }

            var df = postings.Entries.Count;
            var idf = MathF.Log(1 + (live - df + 0.5f) / (df + 0.5f));
            var entries = postings.Entries;
            var frequencies = postings.Frequencies;
            for (var i = 0; i < entries.Count; i++)
            {
                var entry = entries[i];
                var tf = frequencies[i];
                var norm = K1 * (1 - B + B * _lengths[entry] / averageLength);
                if (scores[entry] == 0)
                {
                    touched.Add(entry);
                }

                scores[entry] += idf * tf * (K1 + 1) / (tf + norm);
            }
        }

        var top = new PriorityQueue<int, float>(k + 1);
        foreach (var entry in touched)
        {
            if (_removed.Contains(entry) || allowed is not null && !allowed(entry))
            {
                continue;
            }

            top.Enqueue(entry, scores[entry]);
            if (top.Count > k)
            {
                top.Dequeue();
            }
        }

        var results = new List<(int, float)>(top.Count);
        while (top.TryDequeue(out var entry, out var score))
        {
            results.Add((entry, score));
        }

        results.Reverse();
        return results;
    }

    private sealed class Postings
    {
        public List<int> Entries { get; } = [];

        public List<int> Frequencies { get; } = [];
    }
}
