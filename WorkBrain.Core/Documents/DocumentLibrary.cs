using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WorkBrain.Core.Documents.Chunking;
using WorkBrain.Core.Documents.Embeddings;
using WorkBrain.Core.Documents.Parsing;
using WorkBrain.Core.Documents.Retrieval;
using WorkBrain.Core.Documents.Storage;
using WorkBrain.Core.Engines;
using WorkBrain.Core.Files;
using WorkBrain.Core.Storage;

namespace WorkBrain.Core.Documents;

/// <summary>Each user's documents: uploads are stored and queued, indexed in the background by
/// <see cref="DocumentIndexingService"/> (Queued → Indexing with progress → Ready or Failed with its message), and searched
/// with BM25 (plus embeddings when configured) over an in-memory index per user loaded from the store; on a store
/// several replicas share (PostgreSQL) the index catches up with the database before each search.
/// Every call is scoped to one user id; a failing file never affects another.</summary>
public sealed partial class DocumentLibrary
{
    private readonly DocumentStore _store;
    private readonly DocumentParser _parser;
    private readonly SelectedEngine<IEmbeddingGenerator<string, Embedding<float>>> _embeddings;
    private readonly string _queryPrefix;
    private readonly IFileStore _files;
    private readonly IOptions<DocumentsOptions> _options;
    private readonly ILogger<DocumentLibrary> _logger;
    private readonly ConcurrentDictionary<string, Lazy<Task<DocumentIndex>>> _indexes = new(StringComparer.Ordinal);
    private readonly IDocumentChangeFeed _changes;
    private readonly TimeProvider _clock;
    private readonly string _instance;

    public DocumentLibrary(
        DocumentStore store,
        DocumentParser parser,
        SelectedEngine<IEmbeddingGenerator<string, Embedding<float>>> embeddings,
        IFileStore files,
        IOptions<DocumentsOptions> options,
        ILogger<DocumentLibrary> logger,
        IOptions<EmbeddingsOptions>? embeddingsOptions = null,
        IOptions<StorageOptions>? storage = null,
        TimeProvider? clock = null,
        IDocumentChangeFeed? changes = null)
    {
        _clock = clock ?? TimeProvider.System;
        _instance = storage?.Value.InstanceId ?? Environment.MachineName;
        _queryPrefix = (embeddingsOptions?.Value ?? new EmbeddingsOptions()).QueryPrefix;
        _store = store;
        _parser = parser;
        _embeddings = embeddings;
        _files = files;
        _options = options;
        _logger = logger;
        Queue = new FairIndexingQueue(options.Value.QueueCapacity);

        // The library lives as long as the process: its subscription is never ended.
        _changes = changes ?? new InProcessDocumentChangeFeed();
        _changes.Subscribe(Raise);
    }

    /// <summary>Raised (on a background thread) whenever a document is added, changes status or progresses, here or, through
    /// a shared <see cref="IDocumentChangeFeed"/>, on another replica.</summary>
    public event Action<DocumentInfo>? Changed;

    internal FairIndexingQueue Queue { get; }

    public string EmbeddingDescription => _embeddings.Describe();

    /// <summary>Stores the upload and queues it for indexing. The same content uploaded again by the same user returns the
    /// existing document unless it failed (then the file is tried again as a new document). Throws <see cref="DocumentException"/>
    /// only when the file is over the size limit or empty, or too many of the user's documents wait already;
    /// any other problem shows up as status Failed with its message.</summary>
    public async Task<DocumentInfo> AddAsync(string userId, string fileName, Stream content, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        ArgumentException.ThrowIfNullOrWhiteSpace(fileName);
        ArgumentNullException.ThrowIfNull(content);
        fileName = Path.GetFileName(fileName);
        var bytes = await _parser.ReadLimitedAsync(content, fileName, cancellationToken);
        if (bytes.Length == 0)
        {
            throw new DocumentException($"\"{fileName}\" is empty.");
        }

        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        if (await _store.FindBySha256Async(userId, sha, cancellationToken) is { } existing)
        {
            return await WithProgressAsync(existing, cancellationToken);
        }

        if (Queue.CountFor(userId) >= _options.Value.QueueCapacity)
        {
            throw new DocumentException($"{_options.Value.QueueCapacity} of your documents are waiting to be indexed; add \"{fileName}\" when they are done.");
        }

        string contentType;
        string? failure = null;
        try
        {
            contentType = new ParsedDocument(FormatSniffer.Detect(bytes, fileName), [], 0, []).ContentType;
        }
        catch (DocumentException ex)
        {
            contentType = "application/octet-stream";
            failure = ex.Message;
        }

        var stored = failure is null ? await _files.SaveAsync(new MemoryStream(bytes), contentType, userId, cancellationToken) : null;
        var document = new DocumentInfo(Guid.NewGuid().ToString("N"), userId, fileName, contentType, sha,
            failure is null ? DocumentStatus.Queued : DocumentStatus.Failed, failure, 0, 0, DateTimeOffset.UtcNow, 0);
        // A queued document is this replica's to index: claimed by it, so that another replica sharing the database
        // takes it over only if this one stops renewing the claim.
        await _store.InsertAsync(document, stored?.Id, failure is null ? _instance : null, failure is null ? LeaseEnd() : null, cancellationToken);
        await NotifyAsync(document);
        if (failure is null)
        {
            Queue.TryEnqueue(userId, document.Id, force: true);
        }
        else
        {
            LogFailed(document.Id, failure);
        }

        return document;
    }

    public async Task<IReadOnlyList<DocumentInfo>> ListAsync(string userId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        var documents = await _store.ListAsync(userId, cancellationToken);
        var shown = new List<DocumentInfo>(documents.Count);
        foreach (var document in documents)
        {
            shown.Add(await WithProgressAsync(document, cancellationToken));
        }

        return shown;
    }

    /// <summary>The document, or null when it does not exist or belongs to someone else.</summary>
    public async Task<DocumentInfo?> GetAsync(string userId, string id, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        ArgumentNullException.ThrowIfNull(id);
        return await _store.GetAsync(userId, id, cancellationToken) is { } d ? await WithProgressAsync(d, cancellationToken) : null;
    }

    public async Task<bool> DeleteAsync(string userId, string id, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        ArgumentNullException.ThrowIfNull(id);
        var deleted = await _store.DeleteAsync(userId, id, cancellationToken);
        if (deleted && _indexes.TryGetValue(userId, out var index) && index.IsValueCreated && index.Value.IsCompletedSuccessfully)
        {
            index.Value.Result.RemoveDocument(id);
        }

        return deleted;
    }

    /// <summary>The best <paramref name="k"/> passages of the user's ready documents (or only of <paramref name="documentIds"/>).</summary>
    public async Task<IReadOnlyList<SearchHit>> SearchAsync(string userId, string query, int k, IReadOnlyCollection<string>? documentIds = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        ArgumentNullException.ThrowIfNull(query);
        var index = await GetIndexAsync(userId, cancellationToken);
        float[]? queryVector = null;
        try
        {
            queryVector = await _embeddings.EmbedQueryAsync(_queryPrefix, query, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogEmbeddingFailed(ex);
        }

        var ranked = queryVector is not null && await _store.VectorsInDatabaseAsync(cancellationToken)
            ? await SearchWithDatabaseVectorsAsync(userId, index, query, queryVector, k, documentIds, cancellationToken)
            : index.Search(query, queryVector, k, documentIds);
        return await _store.GetHitsAsync(userId, ranked, cancellationToken);
    }

    /// <summary>BM25 from the in-memory index fused (RRF) with the database's nearest embeddings (PostgreSQL + pgvector).</summary>
    private async Task<List<RankedChunk>> SearchWithDatabaseVectorsAsync(
        string userId, DocumentIndex index, string query, float[] queryVector, int k, IReadOnlyCollection<string>? documentIds, CancellationToken cancellationToken)
    {
        var depth = Math.Max(k * 4, 50);
        var lexical = index.Search(query, null, depth, documentIds);
        var dense = await _store.SearchVectorsAsync(userId, queryVector, depth, documentIds, cancellationToken);
        if (dense.Count == 0)
        {
            return lexical.Take(k).ToList();
        }

        var byId = lexical.Concat(dense).GroupBy(r => r.ChunkId).ToDictionary(g => g.Key, g => g.First().DocumentId);
        return ReciprocalRankFusion.Fuse([lexical.Select(r => r.ChunkId).ToList(), dense.Select(r => r.ChunkId).ToList()])
            .Take(k)
            .Select(r => new RankedChunk(r.Item, byId[r.Item], r.Score))
            .ToList();
    }

    /// <summary>The user's passage that best matches the query by BM25 alone (no embedding call, cheap enough for the gate),
    /// with the idf-weighted share of the query's terms it contains; null when the library has no match.</summary>
    public async Task<(RankedChunk Chunk, float Coverage)?> BestLexicalMatchAsync(string userId, string query, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        ArgumentNullException.ThrowIfNull(query);
        var index = await GetIndexAsync(userId, cancellationToken);
        return index.Count == 0 ? null : index.BestLexicalMatch(query);
    }

    /// <summary>Waits until the document is Ready or Failed and returns it (null if it was deleted or is not the user's).</summary>
    public async Task<DocumentInfo?> WaitUntilIndexedAsync(string userId, string id, CancellationToken cancellationToken = default)
    {
        var done = new TaskCompletionSource<DocumentInfo>(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnChanged(DocumentInfo d)
        {
            if (d.Id == id && d.UserId == userId && d.Status is DocumentStatus.Ready or DocumentStatus.Failed)
            {
                done.TrySetResult(d);
            }
        }

        Changed += OnChanged;
        try
        {
            var current = await GetAsync(userId, id, cancellationToken);
            if (current is null || current.Status is DocumentStatus.Ready or DocumentStatus.Failed)
            {
                return current;
            }

            return await done.Task.WaitAsync(cancellationToken);
        }
        finally
        {
            Changed -= OnChanged;
        }
    }

    /// <summary>Parses, chunks, embeds and stores one queued document. Never throws for a bad file: it is marked Failed.</summary>
    internal async Task IndexAsync(string userId, string id, CancellationToken cancellationToken)
    {
        var document = await _store.GetAsync(userId, id, cancellationToken);
        if (document is null || document.Status is DocumentStatus.Ready or DocumentStatus.Failed)
        {
            return;
        }

        try
        {
            if (!await _store.TryTakeAsync(userId, id, DocumentStatus.Queued, DocumentStatus.Indexing, _instance, Now(), LeaseEnd(), true, null, cancellationToken))
            {
                // Another replica took it over (this one's claim had gone stale), or it is no longer queued.
                LogTakenElsewhere(id);
                return;
            }

            await ReportAsync(document with { Status = DocumentStatus.Indexing }, 0.05);
            var fileId = await _store.GetFileIdAsync(userId, id, cancellationToken);
            var file = (fileId is null ? null : _files.Find(fileId, userId))
                ?? throw new DocumentException($"The stored file of \"{document.FileName}\" is missing; upload it again.");
            var bytes = await File.ReadAllBytesAsync(file.Path, cancellationToken);
            var parsed = await _parser.ParseAsync(bytes, document.FileName, cancellationToken);
            await ReportAsync(document with { Status = DocumentStatus.Indexing }, 0.3);
            await CheckLibraryRoomAsync(userId, parsed, cancellationToken);

            var o = _options.Value;
            var chunks = new SentenceChunker(o.ChunkCharacters, o.OverlapCharacters).Chunk(parsed.Sections);
            if (chunks.Count == 0)
            {
                var why = parsed.Warnings.Count > 0 ? string.Join("; ", parsed.Warnings) : "it contains no text";
                throw new DocumentException($"No text could be extracted from \"{document.FileName}\": {why}.");
            }

            var vectors = await EmbedChunksAsync(document, chunks, cancellationToken);
            var stored = chunks.Select((c, i) => new StoredChunk(c.Ordinal, c.Anchor, c.Text, vectors?[i])).ToList();
            var notes = parsed.Warnings.Count > 0 ? string.Join("; ", parsed.Warnings) : null;
            var ids = await _store.CompleteAsync(userId, id, stored, parsed.Pages, parsed.ContentType, notes, cancellationToken);
            AddToLoadedIndex(userId, id, stored, ids);
            LogIndexed(id, parsed.Pages, chunks.Count);
            await NotifyAsync(document with { Status = DocumentStatus.Ready, Message = notes, Pages = parsed.Pages, Chunks = chunks.Count, ContentType = parsed.ContentType, Progress = 1 });
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var message = ex is DocumentException ? ex.Message : $"\"{document.FileName}\" could not be indexed: {ex.Message}";
            if (ex is not DocumentException)
            {
                LogIndexingError(ex, id);
            }

            LogFailed(id, message);
            await _store.UpdateStatusAsync(userId, id, DocumentStatus.Failed, message, null, null, CancellationToken.None);
            await NotifyAsync(document with { Status = DocumentStatus.Failed, Message = message, Progress = 0 });
        }
    }

    /// <summary>Takes over pending work whose claim is free. At start-up (<paramref name="startUp"/>) that includes this
    /// replica's own claims, left by its previous run; later sweeps only take unclaimed or stale claims (another replica
    /// sharing the database stopped). Queued documents go on this replica's queue; one that was being indexed is failed,
    /// not parsed again by itself, since it may be the file that stopped the server. Each document is taken by one
    /// replica only: the move is one conditional update.</summary>
    internal async Task RecoverPendingAsync(bool startUp, CancellationToken cancellationToken)
    {
        var now = Now();
        foreach (var (userId, id, status) in await _store.ListClaimableAsync(_instance, now, startUp, cancellationToken))
        {
            if (status == DocumentStatus.Queued)
            {
                if (await _store.TryTakeAsync(userId, id, DocumentStatus.Queued, DocumentStatus.Queued, _instance, now, LeaseEnd(), startUp, null, cancellationToken))
                {
                    Queue.TryEnqueue(userId, id, force: true);
                }

                continue;
            }

            const string message = "Indexing was interrupted by a server restart. It is not retried by itself, in case this file stopped the server; add it again to retry.";
            if (!await _store.TryTakeAsync(userId, id, DocumentStatus.Indexing, DocumentStatus.Failed, _instance, now, 0, startUp, message, cancellationToken))
            {
                continue;
            }

            LogFailed(id, message);

            // Someone may already be waiting on it (a page, the API): recovery runs beside the first requests.
            if (await GetAsync(userId, id, cancellationToken) is { } failed)
            {
                await NotifyAsync(failed);
            }
        }
    }

    /// <summary>Keeps this replica's claims on its queued and indexing documents alive (see <see cref="DocumentsOptions.LeaseSeconds"/>).</summary>
    internal Task RenewLeasesAsync(CancellationToken cancellationToken) => _store.RenewLeasesAsync(_instance, LeaseEnd(), cancellationToken);

    private long Now() => _clock.GetUtcNow().ToUnixTimeMilliseconds();

    private long LeaseEnd() => Now() + _options.Value.LeaseSeconds * 1000L;

    /// <summary>Refuses a document whose text would take the user's library past <see cref="DocumentsOptions.MaxUserCharacters"/>.</summary>
    private async Task CheckLibraryRoomAsync(string userId, ParsedDocument parsed, CancellationToken cancellationToken)
    {
        var limit = _options.Value.MaxUserCharacters;
        var adding = parsed.Sections.Sum(s => (long)s.Text.Length);
        var used = await _store.CountCharactersAsync(userId, cancellationToken);
        if (used + adding > limit)
        {
            throw new DocumentException($"Your document library is full: it holds {used:N0} characters of text and this document adds {adding:N0}, over the limit of {limit:N0} per user. Delete documents you no longer need, then add it again.");
        }
    }

    private async Task<List<float[]>?> EmbedChunksAsync(DocumentInfo document, IReadOnlyList<TextChunk> chunks, CancellationToken cancellationToken)
    {
        if (_embeddings.Current is null)
        {
            return null;
        }

        const int batch = 16;
        var vectors = new List<float[]>(chunks.Count);
        for (var i = 0; i < chunks.Count; i += batch)
        {
            var texts = chunks.Skip(i).Take(batch).Select(c => c.Text).ToList();
            if (await _embeddings.EmbedAsync(texts, cancellationToken) is not { } batchVectors)
            {
                return null;
            }

            vectors.AddRange(batchVectors);
            await ReportAsync(document with { Status = DocumentStatus.Indexing }, 0.3 + 0.6 * Math.Min(1, (double)(i + batch) / chunks.Count));
        }

        return vectors.Count == chunks.Count ? vectors : throw new DocumentException("The embedding model returned a different number of vectors than passages.");
    }

    private async Task<DocumentIndex> GetIndexAsync(string userId, CancellationToken cancellationToken)
    {
        var lazy = _indexes.GetOrAdd(userId, u => new Lazy<Task<DocumentIndex>>(() => LoadIndexAsync(u)));
        DocumentIndex index;
        try
        {
            index = await lazy.Value.WaitAsync(cancellationToken);
        }
        catch (Exception) when (lazy.Value.IsFaulted)
        {
            _indexes.TryRemove(new KeyValuePair<string, Lazy<Task<DocumentIndex>>>(userId, lazy));
            throw;
        }

        if (await _store.SharedAsync(cancellationToken))
        {
            await CatchUpAsync(userId, index, cancellationToken);
        }

        return index;
    }

    /// <summary>Brings the index to the user's ready documents in a database other replicas write too: drops the documents
    /// deleted anywhere, adds those another replica indexed. One small query when nothing changed. The loaded set is read
    /// before the database, so a document this process indexes meanwhile is never dropped; one that two catch-ups (or a
    /// catch-up and this process's indexing) both bring is added once; a rare stale add is dropped by the next search,
    /// and hits are read from the database, so a deleted passage is never shown.</summary>
    private async Task CatchUpAsync(string userId, DocumentIndex index, CancellationToken cancellationToken)
    {
        var loaded = index.DocumentIds;
        var ready = await _store.ListReadyIdsAsync(userId, cancellationToken);
        foreach (var gone in loaded.Where(id => !ready.Contains(id)))
        {
            index.RemoveDocument(gone);
        }

        ready.ExceptWith(loaded);
        if (ready.Count == 0)
        {
            return;
        }

        var chunks = new List<IndexedChunk>();
        await foreach (var chunk in _store.ReadChunksAsync(userId, ready, cancellationToken))
        {
            chunks.Add(chunk);
        }

        foreach (var document in chunks.GroupBy(c => c.DocumentId, StringComparer.Ordinal))
        {
            index.TryAddDocument(document.Key, document);
        }
    }

    private async Task<DocumentIndex> LoadIndexAsync(string userId)
    {
        var index = new DocumentIndex();
        var batch = new List<IndexedChunk>(1024);
        await foreach (var chunk in _store.ReadChunksAsync(userId, null, CancellationToken.None))
        {
            batch.Add(chunk);
            if (batch.Count == batch.Capacity)
            {
                index.Add(batch);
                batch.Clear();
            }
        }

        index.Add(batch);
        return index;
    }

    private void AddToLoadedIndex(string userId, string documentId, List<StoredChunk> chunks, List<long> ids)
    {
        if (!_indexes.TryGetValue(userId, out var lazy))
        {
            return;
        }

        if (lazy.IsValueCreated && lazy.Value.IsCompletedSuccessfully)
        {
            lazy.Value.Result.TryAddDocument(documentId, chunks.Select((c, i) => new IndexedChunk(ids[i], documentId, c.Text, c.Embedding)));
        }
        else
        {
            // A load is in flight and may or may not have read these rows: drop it; the next search reloads.
            _indexes.TryRemove(new KeyValuePair<string, Lazy<Task<DocumentIndex>>>(userId, lazy));
        }
    }

    /// <summary>The document with the progress the feed knows while it is being indexed (by this replica or another).</summary>
    private async Task<DocumentInfo> WithProgressAsync(DocumentInfo d, CancellationToken cancellationToken) =>
        d.Status == DocumentStatus.Indexing && await _changes.FindProgressAsync(d.Id, cancellationToken) is { } p ? d with { Progress = p } : d;

    private Task ReportAsync(DocumentInfo document, double progress) => NotifyAsync(document with { Progress = progress });

    /// <summary>Publishes the change (after the store has it). A feed that cannot be reached never fails the work: the store
    /// holds the status, and a waiter elsewhere misses only this notice.</summary>
    private async Task NotifyAsync(DocumentInfo document)
    {
        try
        {
            await _changes.PublishAsync(document, CancellationToken.None);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            LogPublishFailed(ex, document.Id);
        }
    }

    /// <summary>A change published here or by another replica: every listener hears it.</summary>
    private void Raise(DocumentInfo document)
    {
        var handlers = Changed;
        if (handlers is null)
        {
            return;
        }

        foreach (var handler in handlers.GetInvocationList().Cast<Action<DocumentInfo>>())
        {
            try
            {
                handler(document);
            }
            catch (Exception ex)
            {
                LogListenerFailed(ex);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Document {DocumentId} indexed: {Pages} pages, {Chunks} chunks")]
    private partial void LogIndexed(string documentId, int pages, int chunks);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Document {DocumentId} failed: {Reason}")]
    private partial void LogFailed(string documentId, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Unexpected error while indexing document {DocumentId}")]
    private partial void LogIndexingError(Exception exception, string documentId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Document {DocumentId} is not indexed here: another replica took it over, or it is no longer queued")]
    private partial void LogTakenElsewhere(string documentId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Query embedding failed; searching with BM25 alone")]
    private partial void LogEmbeddingFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The change of document {DocumentId} could not be published; other replicas do not hear it")]
    private partial void LogPublishFailed(Exception exception, string documentId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A document change listener threw")]
    private partial void LogListenerFailed(Exception exception);
}
