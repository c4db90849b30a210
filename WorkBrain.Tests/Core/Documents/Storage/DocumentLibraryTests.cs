using System.Text;
using Microsoft.Extensions.AI;
using WorkBrain.Core.Documents.Storage;

namespace WorkBrain.Tests.Core.Documents.Storage;

public sealed class DocumentLibraryTests
{
    private const string Handbook = "员工手册。公司的年假为每年十五天。报销需要在三十天内提交发票。\n\nThe office opens at 9 a.m. on weekdays. Parking is free for staff.";

    [Fact]
    public async Task AddAsync_GoodAndBadFiles_GoodOneReadyBadOnesFailWithMessage()
    {
        await using var fixture = await LibraryFixture.StartAsync();

        var good = await fixture.AddAndWaitAsync("alice", "handbook.txt", Encoding.UTF8.GetBytes(Handbook));
        var encrypted = await fixture.AddAndWaitAsync("alice", "secret.pdf", TestDocuments.EncryptedPdf());
        var unsupported = await fixture.AddAndWaitAsync("alice", "photo.docx", [0x89, 0x50, 0x4E, 0x47, 0, 0, 1, 2]);
        var pdf = await fixture.AddAndWaitAsync("alice", "plan.pdf", TestDocuments.Pdf("The launch is planned for March.", "Budget review happens in June."));

        Assert.Equal(DocumentStatus.Ready, good.Status);
        Assert.True(good.Chunks > 0);
        Assert.Equal(DocumentStatus.Failed, encrypted.Status);
        Assert.Contains("encrypted", encrypted.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(DocumentStatus.Failed, unsupported.Status);
        Assert.Contains("not a supported document", unsupported.Message, StringComparison.Ordinal);
        Assert.Equal(DocumentStatus.Ready, pdf.Status);
        Assert.Equal(2, pdf.Pages);
        Assert.Equal(4, (await fixture.Library.ListAsync("alice")).Count);

        var hits = await fixture.Library.SearchAsync("alice", "年假有多少天？", 3);
        Assert.Equal("handbook.txt", hits[0].DocumentName);
        Assert.Contains("年假", hits[0].Text, StringComparison.Ordinal);
        var pdfHits = await fixture.Library.SearchAsync("alice", "When is the budget review?", 1);
        Assert.Equal(("plan.pdf", "page 2"), (pdfHits[0].DocumentName, pdfHits[0].Anchor));
        fixture.DeleteDirectory();
    }

    [Fact]
    public async Task Library_OtherUser_CannotSeeSearchOrDelete()
    {
        await using var fixture = await LibraryFixture.StartAsync();
        var doc = await fixture.AddAndWaitAsync("alice", "handbook.txt", Encoding.UTF8.GetBytes(Handbook));

        Assert.Null(await fixture.Library.GetAsync("bob", doc.Id));
        Assert.Empty(await fixture.Library.ListAsync("bob"));
        Assert.Empty(await fixture.Library.SearchAsync("bob", "年假", 5));
        Assert.Empty(await fixture.Library.SearchAsync("bob", "年假", 5, [doc.Id]));
        Assert.False(await fixture.Library.DeleteAsync("bob", doc.Id));
        Assert.NotNull(await fixture.Library.GetAsync("alice", doc.Id));
        fixture.DeleteDirectory();
    }

    [Fact]
    public async Task AddAsync_SameContentTwice_ReturnsExistingDocument()
    {
        await using var fixture = await LibraryFixture.StartAsync();
        var first = await fixture.AddAndWaitAsync("alice", "a.txt", Encoding.UTF8.GetBytes(Handbook));

        var second = await fixture.Library.AddAsync("alice", "copy.txt", new MemoryStream(Encoding.UTF8.GetBytes(Handbook)));
        var forBob = await fixture.AddAndWaitAsync("bob", "a.txt", Encoding.UTF8.GetBytes(Handbook));

        Assert.Equal(first.Id, second.Id);
        Assert.NotEqual(first.Id, forBob.Id);
        Assert.Single(await fixture.Library.ListAsync("alice"));
        fixture.DeleteDirectory();
    }

    [Fact]
    public async Task DeleteAsync_RemovesDocumentFromSearch()
    {
        await using var fixture = await LibraryFixture.StartAsync();
        var doc = await fixture.AddAndWaitAsync("alice", "handbook.txt", Encoding.UTF8.GetBytes(Handbook));
        Assert.NotEmpty(await fixture.Library.SearchAsync("alice", "parking", 5));

        Assert.True(await fixture.Library.DeleteAsync("alice", doc.Id));

        Assert.Empty(await fixture.Library.SearchAsync("alice", "parking", 5));
        Assert.Null(await fixture.Library.GetAsync("alice", doc.Id));
        fixture.DeleteDirectory();
    }

    [Fact]
    public async Task Changed_DuringIndexing_ReportsProgressThenReady()
    {
        await using var fixture = await LibraryFixture.StartAsync();
        var events = new List<DocumentInfo>();
        var readyRaised = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        fixture.Library.Changed += d =>
        {
            lock (events)
            {
                events.Add(d);
            }

            if (d.Status == DocumentStatus.Ready)
            {
                readyRaised.TrySetResult();
            }
        };

        await fixture.AddAndWaitAsync("alice", "handbook.txt", Encoding.UTF8.GetBytes(Handbook));
        // The store says Ready a moment before the Ready event is raised, so the wait above can return first.
        await readyRaised.Task.WaitAsync(TimeSpan.FromSeconds(30));

        lock (events)
        {
            Assert.Equal(DocumentStatus.Queued, events[0].Status);
            Assert.Contains(events, e => e.Status == DocumentStatus.Indexing && e.Progress is > 0 and < 1);
            Assert.Equal(DocumentStatus.Ready, events[^1].Status);
            Assert.Equal(1, events[^1].Progress);
        }

        fixture.DeleteDirectory();
    }

    [Fact]
    public async Task SearchAsync_AfterRestart_LoadsIndexFromStore()
    {
        string directory;
        await using (var first = await LibraryFixture.StartAsync())
        {
            directory = first.Directory;
            await first.AddAndWaitAsync("alice", "handbook.txt", Encoding.UTF8.GetBytes(Handbook));
        }

        await using var second = await LibraryFixture.StartAsync(directory);

        var hits = await second.Library.SearchAsync("alice", "报销发票", 1);
        Assert.Contains("报销", Assert.Single(hits).Text, StringComparison.Ordinal);
        second.DeleteDirectory();
    }

    [Fact]
    public async Task SearchAsync_WithEmbeddings_FindsPassageWithoutSharedWords()
    {
        var generator = new KeywordEmbeddingGenerator();
        await using var fixture = await LibraryFixture.StartAsync(generator: generator);
        await fixture.AddAndWaitAsync("alice", "notes.txt", Encoding.UTF8.GetBytes("Cats purr when content.\n\nThe quarterly revenue grew strongly."));

        var hits = await fixture.Library.SearchAsync("alice", "feline", 2);

        Assert.Contains("Cats", hits[0].Text, StringComparison.Ordinal);
        Assert.True(generator.Calls >= 2);
        fixture.DeleteDirectory();
    }

    /// <summary>Two-dimensional "embeddings": animal words point one way, everything else the other.</summary>
    private sealed class KeywordEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
    {
        public int Calls { get; private set; }

        public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
        {
            Calls++;
            var vectors = values.Select(v => v.Contains("cat", StringComparison.OrdinalIgnoreCase) || v.Contains("feline", StringComparison.OrdinalIgnoreCase)
                ? new Embedding<float>(new float[] { 3, 0 })
                : new Embedding<float>(new float[] { 0, 2 }));
            return Task.FromResult(new GeneratedEmbeddings<Embedding<float>>(vectors));
        }

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
