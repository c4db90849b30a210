using System.Globalization;
using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using WorkBrain.Core.Documents.Retrieval;
using WorkBrain.Core.Storage;

namespace WorkBrain.Core.Documents.Storage;

/// <summary>Documents and chunks in the app's SQLite file. Every query is filtered by user id, so one user never sees,
/// searches or deletes another's documents.</summary>
public sealed class DocumentStore(IOptions<StorageOptions> options)
{
    private const string Columns = "d.id, d.user_id, d.file_name, d.content_type, d.sha256, d.status, d.error, d.pages, d.created_at, (SELECT COUNT(*) FROM chunks c WHERE c.document_id = d.id)";

    private readonly SemaphoreSlim _schemaLock = new(1, 1);
    private volatile bool _schemaReady;

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        if (o.ConnectionString is not { Length: > 0 })
        {
            Directory.CreateDirectory(o.ResolveDataDirectory());
        }

        var connection = new SqliteConnection(o.SqliteConnectionString);
        await connection.OpenAsync(cancellationToken);
        if (!_schemaReady)
        {
            await EnsureSchemaAsync(connection, cancellationToken);
        }

        return connection;
    }

    private async Task EnsureSchemaAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await _schemaLock.WaitAsync(cancellationToken);
        try
        {
            if (_schemaReady)
            {
                return;
            }

            await using var command = connection.CreateCommand();
            command.CommandText = """
                PRAGMA journal_mode = WAL;
                CREATE TABLE IF NOT EXISTS documents (
                    id TEXT PRIMARY KEY, user_id TEXT NOT NULL, file_name TEXT NOT NULL, content_type TEXT NOT NULL,
                    sha256 TEXT NOT NULL, status TEXT NOT NULL, error TEXT, pages INTEGER NOT NULL DEFAULT 0,
                    created_at TEXT NOT NULL, file_id TEXT);
                CREATE INDEX IF NOT EXISTS ix_documents_user ON documents (user_id, sha256);
                CREATE TABLE IF NOT EXISTS chunks (
                    id INTEGER PRIMARY KEY AUTOINCREMENT, document_id TEXT NOT NULL, user_id TEXT NOT NULL,
                    ordinal INTEGER NOT NULL, anchor TEXT NOT NULL, text TEXT NOT NULL, embedding BLOB NULL);
                CREATE INDEX IF NOT EXISTS ix_chunks_user ON chunks (user_id);
                CREATE INDEX IF NOT EXISTS ix_chunks_document ON chunks (document_id);
                """;
            await command.ExecuteNonQueryAsync(cancellationToken);
            _schemaReady = true;
        }
        finally
        {
            _schemaLock.Release();
        }
    }

    internal async Task InsertAsync(DocumentInfo document, string? fileId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO documents (id, user_id, file_name, content_type, sha256, status, error, pages, created_at, file_id)
            VALUES ($id, $user, $name, $type, $sha, $status, $error, $pages, $created, $file)
            """;
        command.Parameters.AddWithValue("$id", document.Id);
        command.Parameters.AddWithValue("$user", document.UserId);
        command.Parameters.AddWithValue("$name", document.FileName);
        command.Parameters.AddWithValue("$type", document.ContentType);
        command.Parameters.AddWithValue("$sha", document.Sha256);
        command.Parameters.AddWithValue("$status", document.Status.ToString());
        command.Parameters.AddWithValue("$error", (object?)document.Message ?? DBNull.Value);
        command.Parameters.AddWithValue("$pages", document.Pages);
        command.Parameters.AddWithValue("$created", document.CreatedAt.ToString("O", CultureInfo.InvariantCulture));
        command.Parameters.AddWithValue("$file", (object?)fileId ?? DBNull.Value);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    internal async Task UpdateStatusAsync(string userId, string id, DocumentStatus status, string? message, int? pages, string? contentType, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            UPDATE documents SET status = $status, error = $error, pages = COALESCE($pages, pages), content_type = COALESCE($type, content_type)
            WHERE id = $id AND user_id = $user
            """;
        command.Parameters.AddWithValue("$status", status.ToString());
        command.Parameters.AddWithValue("$error", (object?)message ?? DBNull.Value);
        command.Parameters.AddWithValue("$pages", (object?)pages ?? DBNull.Value);
        command.Parameters.AddWithValue("$type", (object?)contentType ?? DBNull.Value);
        command.Parameters.AddWithValue("$id", id);
        command.Parameters.AddWithValue("$user", userId);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Replaces a document's chunks and marks it ready in one transaction, so a search sees all or none of them.</summary>
    internal async Task<List<long>> CompleteAsync(string userId, string documentId, IReadOnlyList<StoredChunk> chunks, int pages, string contentType, string? notes, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await using (var delete = connection.CreateCommand())
        {
            delete.Transaction = transaction;
            delete.CommandText = "DELETE FROM chunks WHERE document_id = $id AND user_id = $user";
            delete.Parameters.AddWithValue("$id", documentId);
            delete.Parameters.AddWithValue("$user", userId);
            await delete.ExecuteNonQueryAsync(cancellationToken);
        }

        var ids = new List<long>(chunks.Count);
        await using (var insert = connection.CreateCommand())
        {
            insert.Transaction = transaction;
            insert.CommandText = """
                INSERT INTO chunks (document_id, user_id, ordinal, anchor, text, embedding)
                VALUES ($doc, $user, $ordinal, $anchor, $text, $embedding) RETURNING id
                """;
            var doc = insert.Parameters.AddWithValue("$doc", documentId);
            var user = insert.Parameters.AddWithValue("$user", userId);
            var ordinal = insert.Parameters.Add("$ordinal", SqliteType.Integer);
            var anchor = insert.Parameters.Add("$anchor", SqliteType.Text);
            var text = insert.Parameters.Add("$text", SqliteType.Text);
            var embedding = insert.Parameters.Add("$embedding", SqliteType.Blob);
            foreach (var chunk in chunks)
            {
                ordinal.Value = chunk.Ordinal;
                anchor.Value = chunk.Anchor;
                text.Value = chunk.Text;
                embedding.Value = chunk.Embedding is null ? DBNull.Value : MemoryMarshal.AsBytes(chunk.Embedding.AsSpan()).ToArray();
                ids.Add((long)(await insert.ExecuteScalarAsync(cancellationToken))!);
            }
        }

        await using (var update = connection.CreateCommand())
        {
            update.Transaction = transaction;
            update.CommandText = "UPDATE documents SET status = $status, error = $error, pages = $pages, content_type = $type WHERE id = $id AND user_id = $user";
            update.Parameters.AddWithValue("$status", DocumentStatus.Ready.ToString());
            update.Parameters.AddWithValue("$error", (object?)notes ?? DBNull.Value);
            update.Parameters.AddWithValue("$pages", pages);
            update.Parameters.AddWithValue("$type", contentType);
            update.Parameters.AddWithValue("$id", documentId);
            update.Parameters.AddWithValue("$user", userId);
            await update.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return ids;
    }

    public async Task<List<DocumentInfo>> ListAsync(string userId, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM documents d WHERE d.user_id = $user ORDER BY d.created_at DESC";
        command.Parameters.AddWithValue("$user", userId);
        return await ReadDocumentsAsync(command, cancellationToken);
    }

    public async Task<DocumentInfo?> GetAsync(string userId, string id, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM documents d WHERE d.user_id = $user AND d.id = $id";
        command.Parameters.AddWithValue("$user", userId);
        command.Parameters.AddWithValue("$id", id);
        return (await ReadDocumentsAsync(command, cancellationToken)).FirstOrDefault();
    }

    internal async Task<DocumentInfo?> FindBySha256Async(string userId, string sha256, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM documents d WHERE d.user_id = $user AND d.sha256 = $sha AND d.status <> 'Failed' ORDER BY d.created_at LIMIT 1";
        command.Parameters.AddWithValue("$user", userId);
        command.Parameters.AddWithValue("$sha", sha256);
        return (await ReadDocumentsAsync(command, cancellationToken)).FirstOrDefault();
    }

    internal async Task<string?> GetFileIdAsync(string userId, string id, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT file_id FROM documents WHERE user_id = $user AND id = $id";
        command.Parameters.AddWithValue("$user", userId);
        command.Parameters.AddWithValue("$id", id);
        return await command.ExecuteScalarAsync(cancellationToken) as string;
    }

    /// <summary>Documents a restart interrupted: (user, id) of those still queued or indexing.</summary>
    /// <summary>Characters of text in the user's indexed documents (chunk overlaps included).</summary>
    internal async Task<long> CountCharactersAsync(string userId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COALESCE(SUM(LENGTH(text)), 0) FROM chunks WHERE user_id = $user";
        command.Parameters.AddWithValue("$user", userId);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    internal async Task<List<(string UserId, string Id, DocumentStatus Status)>> ListPendingAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        if (o.ConnectionString is not { Length: > 0 } && !File.Exists(o.SqlitePath))
        {
            // No database yet, so nothing is pending; do not create it at start-up before the app's own schema exists.
            return [];
        }

        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT user_id, id, status FROM documents WHERE status IN ('Queued', 'Indexing') ORDER BY created_at";
        var pending = new List<(string, string, DocumentStatus)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            pending.Add((reader.GetString(0), reader.GetString(1), Enum.Parse<DocumentStatus>(reader.GetString(2))));
        }

        return pending;
    }

    public async Task<bool> DeleteAsync(string userId, string id, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "DELETE FROM chunks WHERE user_id = $user AND document_id = $id; DELETE FROM documents WHERE user_id = $user AND id = $id";
        command.Parameters.AddWithValue("$user", userId);
        command.Parameters.AddWithValue("$id", id);
        await command.ExecuteNonQueryAsync(cancellationToken);
        await using var check = connection.CreateCommand();
        check.Transaction = transaction;
        check.CommandText = "SELECT changes()";
        var deleted = (long)(await check.ExecuteScalarAsync(cancellationToken))! > 0;
        await transaction.CommitAsync(cancellationToken);
        return deleted;
    }

    /// <summary>All of a user's chunks for the in-memory index, streamed.</summary>
    internal async IAsyncEnumerable<IndexedChunk> ReadChunksAsync(string userId, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT c.id, c.document_id, c.text, c.embedding FROM chunks c JOIN documents d ON d.id = c.document_id AND d.user_id = c.user_id WHERE c.user_id = $user AND d.status = 'Ready' ORDER BY c.id";
        command.Parameters.AddWithValue("$user", userId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            float[]? embedding = null;
            if (!reader.IsDBNull(3))
            {
                var bytes = (byte[])reader.GetValue(3);
                embedding = MemoryMarshal.Cast<byte, float>(bytes).ToArray();
            }

            yield return new IndexedChunk(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), embedding);
        }
    }

    internal async Task<List<SearchHit>> GetHitsAsync(string userId, IReadOnlyList<RankedChunk> ranked, CancellationToken cancellationToken)
    {
        if (ranked.Count == 0)
        {
            return [];
        }

        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        var names = ranked.Select((_, i) => $"$c{i}").ToList();
        command.CommandText = $"SELECT c.id, c.document_id, d.file_name, c.anchor, c.text FROM chunks c JOIN documents d ON d.id = c.document_id WHERE c.user_id = $user AND d.user_id = $user AND c.id IN ({string.Join(",", names)})";
        command.Parameters.AddWithValue("$user", userId);
        for (var i = 0; i < ranked.Count; i++)
        {
            command.Parameters.AddWithValue(names[i], ranked[i].ChunkId);
        }

        var rows = new Dictionary<long, (string Doc, string Name, string Anchor, string Text)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows[reader.GetInt64(0)] = (reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4));
        }

        return ranked.Where(r => rows.ContainsKey(r.ChunkId))
            .Select(r => rows[r.ChunkId] is var row ? new SearchHit(r.ChunkId, row.Doc, row.Name, row.Anchor, row.Text, r.Score) : null!)
            .ToList();
    }

    private static async Task<List<DocumentInfo>> ReadDocumentsAsync(SqliteCommand command, CancellationToken cancellationToken)
    {
        var list = new List<DocumentInfo>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var status = Enum.Parse<DocumentStatus>(reader.GetString(5));
            list.Add(new DocumentInfo(
                reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                status, reader.IsDBNull(6) ? null : reader.GetString(6), reader.GetInt32(7), reader.GetInt32(9),
                DateTimeOffset.Parse(reader.GetString(8), CultureInfo.InvariantCulture), status == DocumentStatus.Ready ? 1 : 0));
        }

        return list;
    }
}
