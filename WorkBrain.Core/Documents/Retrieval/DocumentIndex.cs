using System.Numerics.Tensors;

namespace WorkBrain.Core.Documents.Retrieval;

/// <summary>One user's searchable chunks: BM25 over <see cref="SearchTokenizer"/> tokens and, for chunks that have one,
/// a unit-length embedding scored by dot product. With a query embedding both rankings are fused by reciprocal rank
/// fusion; without one, BM25 alone. Thread-safe.</summary>
public sealed class DocumentIndex
{
    private readonly Lock _lock = new();
    private readonly Bm25Index _bm25 = new();
    private readonly List<(long ChunkId, string DocumentId)> _entries = [];
    private readonly List<float[]?> _vectors = [];
    private readonly Dictionary<string, List<int>> _byDocument = new(StringComparer.Ordinal);
    private int _vectorCount;

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _bm25.Count;
            }
        }
    }

    /// <summary>The documents that have chunks in the index, as of the call.</summary>
    public IReadOnlyCollection<string> DocumentIds
    {
        get
        {
            lock (_lock)
            {
                return _byDocument.Keys.ToList();
            }
        }
    }

    public void Add(IEnumerable<IndexedChunk> chunks)
    {
        ArgumentNullException.ThrowIfNull(chunks);
        lock (_lock)
        {
            foreach (var chunk in chunks)
            {
                AddLocked(chunk);
            }
        }
    }

    /// <summary>Adds the chunks of one document unless the index holds that document already (the same document can
    /// arrive twice: from this process's indexing and from catching up with the database). False when it was there.</summary>
    public bool TryAddDocument(string documentId, IEnumerable<IndexedChunk> chunks)
    {
        ArgumentNullException.ThrowIfNull(documentId);
        ArgumentNullException.ThrowIfNull(chunks);
        var list = chunks.ToList();
        if (list.Find(c => c.DocumentId != documentId) is { } stray)
        {
            throw new ArgumentException($"Chunk {stray.ChunkId} belongs to document {stray.DocumentId}, not {documentId}.", nameof(chunks));
        }

        lock (_lock)
        {
            if (_byDocument.ContainsKey(documentId))
            {
                return false;
            }

            foreach (var chunk in list)
            {
                AddLocked(chunk);
            }

            return true;
        }
    }

    public void RemoveDocument(string documentId)
    {
        lock (_lock)
        {
            if (!_byDocument.Remove(documentId, out var entries))
            {
                return;
            }

            foreach (var entry in entries)
            {
                _bm25.Remove(entry);
                if (_vectors[entry] is not null)
                {
                    _vectors[entry] = null;
                    _vectorCount--;
                }
            }
        }
    }

    /// <summary>The best <paramref name="k"/> chunks for the query, best first, optionally only from <paramref name="documentIds"/>.</summary>
    public List<RankedChunk> Search(string query, float[]? queryEmbedding, int k, IReadOnlyCollection<string>? documentIds = null)
    {
        ArgumentNullException.ThrowIfNull(query);
        lock (_lock)
        {
            Func<int, bool>? allowed = documentIds is null ? null : entry => documentIds.Contains(_entries[entry].DocumentId);
            var useVectors = queryEmbedding is not null && _vectorCount > 0;
            var depth = useVectors ? Math.Max(k * 4, 50) : k;
            var lexical = _bm25.Search(query, depth, allowed);
            if (!useVectors)
            {
                return lexical.Select(r => ToRanked(r.Entry, r.Score)).ToList();
            }

            var dense = SearchVectors(queryEmbedding!, depth, allowed);
            return ReciprocalRankFusion.Fuse([lexical.Select(r => r.Entry).ToList(), dense.Select(r => r.Entry).ToList()])
                .Take(k)
                .Select(r => ToRanked(r.Item, r.Score))
                .ToList();
        }
    }

    /// <summary>The BM25 best chunk for the query with <see cref="Bm25Index.Coverage"/> of the query, or null when nothing matches.</summary>
    public (RankedChunk Chunk, float Coverage)? BestLexicalMatch(string query)
    {
        ArgumentNullException.ThrowIfNull(query);
        lock (_lock)
        {
            var best = _bm25.Search(query, 1);
            return best.Count == 0 ? null : (ToRanked(best[0].Entry, best[0].Score), _bm25.Coverage(query, best[0].Entry));
        }
    }

    private void AddLocked(IndexedChunk chunk)
    {
        var entry = _bm25.Add(chunk.Text);
        _entries.Add((chunk.ChunkId, chunk.DocumentId));
        _vectors.Add(chunk.Embedding);
        _vectorCount += chunk.Embedding is null ? 0 : 1;
        if (!_byDocument.TryGetValue(chunk.DocumentId, out var list))
        {
            list = [];
            _byDocument[chunk.DocumentId] = list;
        }

        list.Add(entry);
    }

    private RankedChunk ToRanked(int entry, double score) => new(_entries[entry].ChunkId, _entries[entry].DocumentId, score);

    private List<(int Entry, float Score)> SearchVectors(float[] query, int k, Func<int, bool>? allowed)
    {
        var top = new PriorityQueue<int, float>(k + 1);
        for (var entry = 0; entry < _vectors.Count; entry++)
        {
            var vector = _vectors[entry];
            if (vector is null || vector.Length != query.Length || allowed is not null && !allowed(entry))
            {
                continue;
            }

            top.Enqueue(entry, TensorPrimitives.Dot(query, vector));
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
}
