namespace WorkBrain.Core.Documents.Retrieval;

/// <summary>An in-memory inverted index scored with Okapi BM25 (k1 1.2, b 0.75) over <see cref="TermKeys"/>. Each posting
/// is one int: entry × 256 + term frequency (capped at 255). Entries are numbered in insertion order; removed entries are
/// skipped. Not thread-safe: <see cref="DocumentIndex"/> locks around it.</summary>
internal sealed class Bm25Index
{
    private const float K1 = 1.2f;
    private const float B = 0.75f;
    private const int MaxEntries = int.MaxValue / 256;

    private readonly Dictionary<long, Postings> _postings = [];
    private readonly Dictionary<string, int> _words = new(StringComparer.Ordinal);
    private readonly Dictionary<long, int> _counts = [];
    private readonly List<long> _keys = [];
    private readonly List<int> _lengths = [];
    private readonly HashSet<int> _removed = [];
    private long _totalLength;

    public int Count => _lengths.Count - _removed.Count;

    public int Add(string text)
    {
        var entry = _lengths.Count;
        if (entry >= MaxEntries)
        {
            throw new InvalidOperationException("The index is full.");
        }

        _keys.Clear();
        TermKeys.Append(text, _keys, AddWord);
        _lengths.Add(_keys.Count);
        _totalLength += _keys.Count;
        _counts.Clear();
        foreach (var key in _keys)
        {
            _counts[key] = _counts.GetValueOrDefault(key) + 1;
        }

        foreach (var (key, tf) in _counts)
        {
            if (!_postings.TryGetValue(key, out var postings))
            {
                postings = new Postings();
                _postings[key] = postings;
            }

            postings.Add((entry << 8) | Math.Min(tf, 255));
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
    public List<(int Entry, float Score)> Search(string query, int k, Func<int, bool>? allowed = null)
    {
        var live = Count;
        if (live == 0 || k <= 0)
        {
            return [];
        }

        var queryKeys = new List<long>();
        TermKeys.Append(query, queryKeys, w => _words.GetValueOrDefault(w, -1));
        var averageLength = Math.Max(1f, (float)_totalLength / live);
        var scores = new float[_lengths.Count];
        var touched = new List<int>();
        foreach (var key in queryKeys.Distinct())
        {
            if (!_postings.TryGetValue(key, out var postings))
            {
                continue;
            }

            var df = postings.Count;
            var idf = MathF.Log(1 + (live - df + 0.5f) / (df + 0.5f));
            var remaining = df;
            foreach (var block in postings.Blocks)
            {
                var n = Math.Min(remaining, block.Length);
                for (var i = 0; i < n; i++)
                {
                    var entry = block[i] >> 8;
                    var tf = block[i] & 0xFF;
                    var norm = K1 * (1 - B + B * _lengths[entry] / averageLength);
                    if (scores[entry] == 0)
                    {
                        touched.Add(entry);
                    }

                    scores[entry] += idf * tf * (K1 + 1) / (tf + norm);
                }

                remaining -= n;
            }
        }

        var top = new PriorityQueue<int, float>(k + 1);
        foreach (var entry in touched)
        {
            if (_removed.Contains(entry) || allowed is not null && !allowed(entry))
            {
                continue;
            }

            if (top.Count < k)
            {
                top.Enqueue(entry, scores[entry]);
            }
            else if (top.TryPeek(out _, out var lowest) && scores[entry] > lowest)
            {
                top.DequeueEnqueue(entry, scores[entry]);
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

    /// <summary>How much of the query <paramref name="entry"/> contains, weighted by idf: the idf of the query's terms found in the
    /// entry over the idf of all its terms, where a word the index has never seen counts with the highest idf (so "what is
    /// photosynthesis" does not match a manual on "what" and "is"). 0 for an empty query.</summary>
    public float Coverage(string query, int entry)
    {
        var live = Count;
        if (live == 0 || entry < 0 || entry >= _lengths.Count || _removed.Contains(entry))
        {
            return 0;
        }

        var keys = new List<long>();
        var unknown = 0;
        TermKeys.Append(query, keys, w =>
        {
            if (_words.TryGetValue(w, out var id))
            {
                return id;
            }

            unknown++;
            return -1;
        });
        var unseenIdf = MathF.Log(1 + (live + 0.5f) / 0.5f);
        var total = unknown * unseenIdf;
        var found = 0f;
        foreach (var key in keys.Distinct())
        {
            if (!_postings.TryGetValue(key, out var postings))
            {
                total += unseenIdf;
                continue;
            }

            var idf = MathF.Log(1 + (live - postings.Count + 0.5f) / (postings.Count + 0.5f));
            total += idf;
            if (postings.Contains(entry))
            {
                found += idf;
            }
        }

        return total <= 0 ? 0 : found / total;
    }

    private int AddWord(string word)
    {
        if (!_words.TryGetValue(word, out var id))
        {
            id = _words.Count;
            _words[word] = id;
        }

        return id;
    }

    /// <summary>Postings in blocks that grow to <see cref="BlockSize"/> ints and then chain: no block reaches the large
    /// object heap and nothing is copied once a block is full (large arrays would trigger full collections while indexing).</summary>
    private sealed class Postings
    {
        private const int BlockSize = 4096;

        private int[] _first = new int[2];
        private List<int[]>? _more;

        public int Count { get; private set; }

        /// <summary>The blocks in order; only rare terms' single block exists for most terms, so they cost one array.</summary>
        public IEnumerable<int[]> Blocks
        {
            get
            {
                yield return _first;
                if (_more is not null)
                {
                    foreach (var block in _more)
                    {
                        yield return block;
                    }
                }
            }
        }

        public bool Contains(int entry)
        {
            var remaining = Count;
            foreach (var block in Blocks)
            {
                var n = Math.Min(remaining, block.Length);
                for (var i = 0; i < n; i++)
                {
                    if (block[i] >> 8 == entry)
                    {
                        return true;
                    }
                }

                remaining -= n;
            }

            return false;
        }

        public void Add(int item)
        {
            if (Count < BlockSize)
            {
                if (Count == _first.Length)
                {
                    Array.Resize(ref _first, Math.Min(BlockSize, _first.Length * 2));
                }

                _first[Count++] = item;
                return;
            }

            _more ??= [];
            var used = (Count - BlockSize) % BlockSize;
            if (used == 0)
            {
                _more.Add(new int[BlockSize]);
            }

            _more[^1][used] = item;
            Count++;
        }
    }
}
