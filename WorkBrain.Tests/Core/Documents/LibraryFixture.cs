using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using WorkBrain.Core.Documents;
using WorkBrain.Core.Documents.Embeddings;
using WorkBrain.Core.Documents.Parsing;
using WorkBrain.Core.Documents.Storage;
using WorkBrain.Core.Files;
using WorkBrain.Core.Models;
using WorkBrain.Core.Storage;
using WorkBrain.Tests.Support;

namespace WorkBrain.Tests.Core.Documents;

/// <summary>A document library over a temporary SQLite file and file store, with its indexing service running.</summary>
internal sealed class LibraryFixture : IAsyncDisposable
{
    private readonly DocumentIndexingService _service;

    private LibraryFixture(
        string directory, IEmbeddingGenerator<string, Embedding<float>>? generator, Action<DocumentsOptions>? configure, StorageOptions? database = null, TimeProvider? clock = null)
    {
        Directory = directory;
        var storage = Options.Create(database ?? new StorageOptions { DataDirectory = directory });
        var options = new DocumentsOptions { ChunkCharacters = 120, OverlapCharacters = 30 };
        configure?.Invoke(options);
        var documents = Options.Create(options);
        Files = new DiskFileStore(storage);
        Store = new DocumentStore(new WorkBrain.Web.Data.WorkBrainDbContextFactory(storage));
        var embeddings = generator is null ? TestEngines.None<IEmbeddingGenerator<string, Embedding<float>>>() : TestEngines.Select(generator);
        Library = new DocumentLibrary(Store, new DocumentParser(documents, []), embeddings, Files, documents, NullLogger<DocumentLibrary>.Instance, null, storage, clock);
        _service = new DocumentIndexingService(Library, documents);
    }

    public DocumentStore Store { get; }

    public string Directory { get; }

    public DocumentLibrary Library { get; }

    public DiskFileStore Files { get; }

    public static async Task<LibraryFixture> StartAsync(
        string? directory = null, IEmbeddingGenerator<string, Embedding<float>>? generator = null, Action<DocumentsOptions>? configure = null)
    {
        var fixture = Create(directory, generator, configure);
        await fixture.StartServiceAsync();
        return fixture;
    }

    /// <summary>The library on a given database (SQLite or PostgreSQL), its files under the database's data directory.</summary>
    public static async Task<LibraryFixture> StartAsync(StorageOptions database, IEmbeddingGenerator<string, Embedding<float>>? generator = null)
    {
        var fixture = new LibraryFixture(database.DataDirectory, generator, null, database);
        await fixture.StartServiceAsync();
        return fixture;
    }

    /// <summary>One replica's library on a database several share (its <see cref="StorageOptions.InstanceId"/> names it),
    /// its service not started, its lease time read from <paramref name="clock"/>.</summary>
    public static LibraryFixture Create(StorageOptions database, TimeProvider clock) => new(database.DataDirectory, null, null, database, clock);

    /// <summary>The library with its indexing service not started yet (nothing is indexed until <see cref="StartServiceAsync"/>).</summary>
    public static LibraryFixture Create(
        string? directory = null, IEmbeddingGenerator<string, Embedding<float>>? generator = null, Action<DocumentsOptions>? configure = null) =>
        new(directory ?? Path.Combine(Path.GetTempPath(), "wb-docs-" + Guid.NewGuid().ToString("N")), generator, configure);

    public Task StartServiceAsync() => _service.StartAsync(CancellationToken.None);

    public async Task<DocumentInfo> AddAndWaitAsync(string userId, string fileName, byte[] content)
    {
        var added = await Library.AddAsync(userId, fileName, new MemoryStream(content));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        return (await Library.WaitUntilIndexedAsync(userId, added.Id, timeout.Token))!;
    }

    public async ValueTask DisposeAsync()
    {
        await _service.StopAsync(CancellationToken.None);
        _service.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }

    public void DeleteDirectory()
    {
        try
        {
            System.IO.Directory.Delete(Directory, true);
        }
        catch (IOException)
        {
        }
    }
}
