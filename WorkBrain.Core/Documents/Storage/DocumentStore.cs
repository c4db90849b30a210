using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using WorkBrain.Core.Documents.Retrieval;

namespace WorkBrain.Core.Documents.Storage;

/// <summary>Documents and chunks in the app's database (EF Core, SQLite or PostgreSQL). Every query is filtered by user id,
/// so one user never sees, searches or deletes another's documents. On PostgreSQL the embeddings stay in a pgvector column
/// searched in SQL through an HNSW index; on SQLite they are loaded into the in-memory index.</summary>
public sealed class DocumentStore(IDocumentDbContextFactory contexts)
{
    private const string PostgresProvider = "Npgsql.EntityFrameworkCore.PostgreSQL";
    private readonly HashSet<int> _vectorIndexes = [];
    private bool? _vectorsInDatabase;

    /// <summary>True on PostgreSQL: nearest embeddings come from <see cref="SearchVectorsAsync"/>, not from the in-memory index.</summary>
    public Task<bool> VectorsInDatabaseAsync(CancellationToken cancellationToken = default) => IsPostgresAsync(cancellationToken);

    /// <summary>True on PostgreSQL, the store several replicas share: documents change under this process, so an
    /// in-memory index must catch up with <see cref="ListReadyIdsAsync"/> before it answers.</summary>
    public Task<bool> SharedAsync(CancellationToken cancellationToken = default) => IsPostgresAsync(cancellationToken);

    private async Task<bool> IsPostgresAsync(CancellationToken cancellationToken)
    {
        if (_vectorsInDatabase is { } known)
        {
            return known;
        }

        await using var db = await contexts.CreateDocumentContextAsync(cancellationToken);
        return (_vectorsInDatabase = IsPostgres(db)).Value;
    }

    internal Task InsertAsync(DocumentInfo document, string? fileId, CancellationToken cancellationToken) =>
        InsertAsync(document, fileId, null, null, cancellationToken);

    /// <summary>Adds the document; a queued one is claimed by <paramref name="owner"/> until <paramref name="leaseExpires"/>.</summary>
    internal async Task InsertAsync(DocumentInfo document, string? fileId, string? owner, long? leaseExpires, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDocumentContextAsync(cancellationToken);
        db.Set<DocumentEntity>().Add(new DocumentEntity
        {
            Id = document.Id, UserId = document.UserId, FileName = document.FileName, ContentType = document.ContentType,
            Sha256 = document.Sha256, Status = document.Status, Error = document.Message, Pages = document.Pages,
            CreatedAt = document.CreatedAt.ToUniversalTime(), FileId = fileId, Owner = owner, LeaseExpires = leaseExpires,
        });
        await db.SaveChangesAsync(cancellationToken);
    }

    internal async Task UpdateStatusAsync(string userId, string id, DocumentStatus status, string? message, int? pages, string? contentType, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDocumentContextAsync(cancellationToken);
        var document = await db.Set<DocumentEntity>().FirstOrDefaultAsync(d => d.Id == id && d.UserId == userId, cancellationToken);
        if (document is null)
        {
            return;
        }

        document.Status = status;
        document.Error = message;
        if (status is DocumentStatus.Ready or DocumentStatus.Failed)
        {
            document.Owner = null;
            document.LeaseExpires = null;
        }

        document.Pages = pages ?? document.Pages;
        document.ContentType = contentType ?? document.ContentType;
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Replaces a document's chunks and marks it ready in one transaction, so a search sees all or none of them.</summary>
    internal async Task<List<long>> CompleteAsync(string userId, string documentId, IReadOnlyList<StoredChunk> chunks, int pages, string contentType, string? notes, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDocumentContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Set<ChunkEntity>().Where(c => c.DocumentId == documentId && c.UserId == userId).ExecuteDeleteAsync(cancellationToken);
        var rows = chunks.Select(c => new ChunkEntity
        {
            DocumentId = documentId, UserId = userId, Ordinal = c.Ordinal, Anchor = c.Anchor, Text = c.Text, Embedding = c.Embedding,
        }).ToList();
        db.Set<ChunkEntity>().AddRange(rows);
        var document = await db.Set<DocumentEntity>().FirstOrDefaultAsync(d => d.Id == documentId && d.UserId == userId, cancellationToken);
        if (document is not null)
        {
            document.Status = DocumentStatus.Ready;
            document.Error = notes;
            document.Owner = null;
            document.LeaseExpires = null;
            document.Pages = pages;
            document.ContentType = contentType;
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        if (IsPostgres(db))
        {
            foreach (var dimensions in chunks.Where(c => c.Embedding is not null).Select(c => c.Embedding!.Length).Distinct())
            {
                try
                {
                    await EnsureVectorIndexAsync(db, dimensions, cancellationToken);
                }
                catch (System.Data.Common.DbException)
                {
                    // Another replica is creating the same index; searches work without it and the next write retries.
                }
            }
        }

        return rows.Select(r => r.Id).ToList();
    }

    public async Task<List<DocumentInfo>> ListAsync(string userId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDocumentContextAsync(cancellationToken);
        var list = await WithChunkCounts(db, db.Set<DocumentEntity>().Where(d => d.UserId == userId)).ToListAsync(cancellationToken);
        return list.Select(ToInfo).OrderByDescending(d => d.CreatedAt).ToList();
    }

    public async Task<DocumentInfo?> GetAsync(string userId, string id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDocumentContextAsync(cancellationToken);
        var row = await WithChunkCounts(db, db.Set<DocumentEntity>().Where(d => d.UserId == userId && d.Id == id)).FirstOrDefaultAsync(cancellationToken);
        return row is null ? null : ToInfo(row);
    }

    internal async Task<DocumentInfo?> FindBySha256Async(string userId, string sha256, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDocumentContextAsync(cancellationToken);
        var rows = await WithChunkCounts(db, db.Set<DocumentEntity>().Where(d => d.UserId == userId && d.Sha256 == sha256 && d.Status != DocumentStatus.Failed))
            .ToListAsync(cancellationToken);
        return rows.Select(ToInfo).OrderBy(d => d.CreatedAt).FirstOrDefault();
    }

    internal async Task<string?> GetFileIdAsync(string userId, string id, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDocumentContextAsync(cancellationToken);
        return await db.Set<DocumentEntity>().Where(d => d.UserId == userId && d.Id == id).Select(d => d.FileId).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>Characters of text in the user's indexed documents (chunk overlaps included).</summary>
    internal async Task<long> CountCharactersAsync(string userId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDocumentContextAsync(cancellationToken);
        return await db.Set<ChunkEntity>().Where(c => c.UserId == userId).SumAsync(c => (long)c.Text.Length, cancellationToken);
    }

    /// <summary>Pending documents (queued or indexing) whose claim is free for <paramref name="owner"/> at <paramref name="now"/>
    /// (Unix milliseconds): unclaimed, stale, or, with <paramref name="ownClaimIsFree"/>, its own (left by its previous run).
    /// (user, id, status), oldest first.</summary>
    internal async Task<List<(string UserId, string Id, DocumentStatus Status)>> ListClaimableAsync(
        string owner, long now, bool ownClaimIsFree, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDocumentContextAsync(cancellationToken);
        var rows = await Claimable(db.Set<DocumentEntity>().AsNoTracking(), owner, now, ownClaimIsFree)
            .Where(d => d.Status == DocumentStatus.Queued || d.Status == DocumentStatus.Indexing)
            .Select(d => new { d.UserId, d.Id, d.Status, d.CreatedAt }).ToListAsync(cancellationToken);
        return rows.OrderBy(r => r.CreatedAt).Select(r => (r.UserId, r.Id, r.Status)).ToList();
    }

    /// <summary>Moves a document from <paramref name="from"/> to <paramref name="to"/> in one statement, only if its claim is
    /// free for <paramref name="owner"/> (as in <see cref="ListClaimableAsync"/>): of two replicas that try at once, one
    /// wins. A pending <paramref name="to"/> is claimed by <paramref name="owner"/> until <paramref name="leaseExpires"/>;
    /// Ready or Failed lets the claim go. True when this call made the move.</summary>
    internal async Task<bool> TryTakeAsync(
        string userId, string id, DocumentStatus from, DocumentStatus to, string owner, long now, long leaseExpires, bool ownClaimIsFree,
        string? message, CancellationToken cancellationToken)
    {
        var done = to is DocumentStatus.Ready or DocumentStatus.Failed;
        string? newOwner = done ? null : owner;
        long? newLease = done ? null : leaseExpires;
        await using var db = await contexts.CreateDocumentContextAsync(cancellationToken);
        var moved = await Claimable(db.Set<DocumentEntity>(), owner, now, ownClaimIsFree)
            .Where(d => d.Id == id && d.UserId == userId && d.Status == from)
            .ExecuteUpdateAsync(s =>
            {
                s.SetProperty(d => d.Status, to).SetProperty(d => d.Owner, newOwner).SetProperty(d => d.LeaseExpires, newLease);
                if (done)
                {
                    s.SetProperty(d => d.Error, message);
                }
            }, cancellationToken);
        return moved == 1;
    }

    /// <summary>Extends every claim <paramref name="owner"/> holds on pending documents to <paramref name="leaseExpires"/>.</summary>
    internal async Task<int> RenewLeasesAsync(string owner, long leaseExpires, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDocumentContextAsync(cancellationToken);
        return await db.Set<DocumentEntity>()
            .Where(d => d.Owner == owner && (d.Status == DocumentStatus.Queued || d.Status == DocumentStatus.Indexing))
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.LeaseExpires, leaseExpires), cancellationToken);
    }

    private static IQueryable<DocumentEntity> Claimable(IQueryable<DocumentEntity> documents, string owner, long now, bool ownClaimIsFree) =>
        ownClaimIsFree
            ? documents.Where(d => d.Owner == null || d.LeaseExpires == null || d.LeaseExpires < now || d.Owner == owner)
            : documents.Where(d => d.Owner == null || d.LeaseExpires == null || d.LeaseExpires < now);

    public async Task<bool> DeleteAsync(string userId, string id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDocumentContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Set<ChunkEntity>().Where(c => c.UserId == userId && c.DocumentId == id).ExecuteDeleteAsync(cancellationToken);
        var deleted = await db.Set<DocumentEntity>().Where(d => d.UserId == userId && d.Id == id).ExecuteDeleteAsync(cancellationToken) > 0;
        await transaction.CommitAsync(cancellationToken);
        return deleted;
    }

    /// <summary>The ids of the user's ready documents: the ones a search sees.</summary>
    internal async Task<HashSet<string>> ListReadyIdsAsync(string userId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDocumentContextAsync(cancellationToken);
        var ids = await db.Set<DocumentEntity>().AsNoTracking()
            .Where(d => d.UserId == userId && d.Status == DocumentStatus.Ready)
            .Select(d => d.Id)
            .ToListAsync(cancellationToken);
        return ids.ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>A user's chunks of ready documents (all, or those of <paramref name="documentIds"/>) for the in-memory
    /// index, streamed. Embeddings come along only where the database cannot search them itself.</summary>
    internal async IAsyncEnumerable<IndexedChunk> ReadChunksAsync(
        string userId, IReadOnlyCollection<string>? documentIds, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDocumentContextAsync(cancellationToken);
        var withVectors = !IsPostgres(db);
        var chunks = db.Set<ChunkEntity>().AsNoTracking()
            .Where(c => c.UserId == userId && db.Set<DocumentEntity>().Any(d => d.Id == c.DocumentId && d.UserId == userId && d.Status == DocumentStatus.Ready));
        if (documentIds is not null)
        {
            var ids = documentIds.ToArray();
            chunks = chunks.Where(c => ids.Contains(c.DocumentId));
        }

        var rows = chunks
            .OrderBy(c => c.Id)
            .Select(c => new { c.Id, c.DocumentId, c.Text, Embedding = withVectors ? c.Embedding : null })
            .AsAsyncEnumerable();
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            yield return new IndexedChunk(row.Id, row.DocumentId, row.Text, row.Embedding);
        }
    }

    /// <summary>PostgreSQL only: the user's <paramref name="k"/> chunks nearest to <paramref name="query"/> by cosine distance,
    /// best first, through the HNSW index of the query's dimension.</summary>
    internal async Task<List<RankedChunk>> SearchVectorsAsync(string userId, float[] query, int k, IReadOnlyCollection<string>? documentIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var db = await contexts.CreateDocumentContextAsync(cancellationToken);
        if (!IsPostgres(db) || query.Length == 0)
        {
            return [];
        }

        // The dimension is a literal so the planner can match the partial expression index for it.
        var d = query.Length;
        var filter = documentIds is null ? "" : " AND c.document_id = ANY({3})";
        var sql = $$"""
            SELECT c.id AS "ChunkId", c.document_id AS "DocumentId", 1 - (c.embedding::vector({{d}}) <=> CAST({1} AS vector({{d}}))) AS "Score"
            FROM chunks c JOIN documents doc ON doc.id = c.document_id AND doc.user_id = c.user_id
            WHERE c.user_id = {0} AND doc.status = 'Ready' AND vector_dims(c.embedding) = {{d}}{{filter}}
            ORDER BY c.embedding::vector({{d}}) <=> CAST({1} AS vector({{d}}))
            LIMIT {2}
            """;
        object[] args = documentIds is null ? [userId, query, k] : [userId, query, k, documentIds.ToArray()];
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Keep walking the graph until k rows pass the user filter (pgvector 0.8).
        await db.Database.ExecuteSqlRawAsync("SET LOCAL hnsw.iterative_scan = relaxed_order", cancellationToken);
        var hits = await db.Database.SqlQuery<VectorHit>(FormattableStringFactory.Create(sql, args)).ToListAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return hits.OrderByDescending(h => h.Score).Select(h => new RankedChunk(h.ChunkId, h.DocumentId, h.Score)).ToList();
    }

    internal async Task<List<SearchHit>> GetHitsAsync(string userId, IReadOnlyList<RankedChunk> ranked, CancellationToken cancellationToken)
    {
        if (ranked.Count == 0)
        {
            return [];
        }

        await using var db = await contexts.CreateDocumentContextAsync(cancellationToken);
        var ids = ranked.Select(r => r.ChunkId).ToList();
        var rows = await db.Set<ChunkEntity>().AsNoTracking()
            .Where(c => c.UserId == userId && ids.Contains(c.Id))
            .Join(db.Set<DocumentEntity>().Where(d => d.UserId == userId), c => c.DocumentId, d => d.Id,
                (c, d) => new { c.Id, c.DocumentId, d.FileName, c.Anchor, c.Text })
            .ToDictionaryAsync(r => r.Id, cancellationToken);
        return ranked.Where(r => rows.ContainsKey(r.ChunkId))
            .Select(r => rows[r.ChunkId] is var row ? new SearchHit(r.ChunkId, row.DocumentId, row.FileName, row.Anchor, row.Text, r.Score) : null!)
            .ToList();
    }

    private async Task EnsureVectorIndexAsync(DbContext db, int dimensions, CancellationToken cancellationToken)
    {
        lock (_vectorIndexes)
        {
            if (_vectorIndexes.Contains(dimensions))
            {
                return;
            }
        }

        // One partial HNSW index per embedding size: the column holds whatever size the configured model writes.
        // The only value put into the SQL is an int.
#pragma warning disable EF1002
        await db.Database.ExecuteSqlRawAsync(
            $"CREATE INDEX IF NOT EXISTS ix_chunks_embedding_hnsw_{dimensions} ON chunks USING hnsw ((embedding::vector({dimensions})) vector_cosine_ops) WHERE vector_dims(embedding) = {dimensions}",
            cancellationToken);
#pragma warning restore EF1002
        lock (_vectorIndexes)
        {
            _vectorIndexes.Add(dimensions);
        }
    }

    private static bool IsPostgres(DbContext db) => db.Database.ProviderName == PostgresProvider;

    private static IQueryable<DocumentRow> WithChunkCounts(DbContext db, IQueryable<DocumentEntity> documents) =>
        documents.AsNoTracking().Select(d => new DocumentRow(d, db.Set<ChunkEntity>().Count(c => c.DocumentId == d.Id)));

    private static DocumentInfo ToInfo(DocumentRow row)
    {
        var d = row.Document;
        return new DocumentInfo(d.Id, d.UserId, d.FileName, d.ContentType, d.Sha256, d.Status, d.Error, d.Pages, row.Chunks,
            d.CreatedAt, d.Status == DocumentStatus.Ready ? 1 : 0);
    }

    private sealed record DocumentRow(DocumentEntity Document, int Chunks);

    internal sealed class VectorHit
    {
        public long ChunkId { get; init; }

        public string DocumentId { get; init; } = "";

        public double Score { get; init; }
    }
}
