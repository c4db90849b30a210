using System.Text;
using WorkBrain.Core.Documents;
using WorkBrain.Core.Documents.Storage;
using WorkBrain.Tests.Core.Documents.Parsing;

namespace WorkBrain.Tests.Core.Documents.Storage;

/// <summary>The library's side of the document-bomb fixes: failed files are never parsed again by themselves, a user's
/// library has a ceiling, one user's queue cannot grow without end, and a failed file can be tried again on request.</summary>
public sealed class DocumentLibraryLimitsTests
{
    private static byte[] Text(string s) => Encoding.UTF8.GetBytes(s);

    [Fact]
    public async Task Restart_DocumentInterruptedWhileIndexing_FailedAndNotParsedAgain_QueuedOneIndexed()
    {
        var fixture = LibraryFixture.Create();
        await using (fixture)
        {
            var interrupted = await fixture.Library.AddAsync("alice", "bomb.docx", new MemoryStream(BombDocuments.DocxWithParagraphs(10, empty: false)));
            var waiting = await fixture.Library.AddAsync("alice", "notes.txt", new MemoryStream(Text("The meeting is on Friday.")));
            await fixture.Store.UpdateStatusAsync("alice", interrupted.Id, DocumentStatus.Indexing, null, null, null, CancellationToken.None);

            // A new process: the library and service start over on the same database.
            await using var restarted = LibraryFixture.Create(fixture.Directory);
            await restarted.StartServiceAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            var ready = await restarted.Library.WaitUntilIndexedAsync("alice", waiting.Id, timeout.Token);
            var failed = await restarted.Library.GetAsync("alice", interrupted.Id);

            Assert.Equal(DocumentStatus.Ready, ready!.Status);
            Assert.Equal(DocumentStatus.Failed, failed!.Status);
            Assert.Contains("interrupted by a server restart", failed.Message, StringComparison.Ordinal);
            Assert.Equal(0, failed.Chunks);
        }

        fixture.DeleteDirectory();
    }

    [Fact]
    public async Task Index_LibraryWouldPassUserCeiling_FailsWithReason_OtherUserUnaffected()
    {
        await using var fixture = await LibraryFixture.StartAsync(configure: o => o.MaxUserCharacters = 1_500);
        var first = await fixture.AddAndWaitAsync("alice", "a.txt", Text(string.Join(" ", Enumerable.Repeat("Alpha beta gamma.", 50))));
        var second = await fixture.AddAndWaitAsync("alice", "b.txt", Text(string.Join(" ", Enumerable.Repeat("Delta epsilon zeta.", 50))));
        var bobs = await fixture.AddAndWaitAsync("bob", "b.txt", Text(string.Join(" ", Enumerable.Repeat("Delta epsilon zeta.", 50))));

        Assert.Equal(DocumentStatus.Ready, first.Status);
        Assert.Equal(DocumentStatus.Failed, second.Status);
        Assert.Contains("library is full", second.Message, StringComparison.Ordinal);
        Assert.Equal(DocumentStatus.Ready, bobs.Status);
        fixture.DeleteDirectory();
    }

    [Fact]
    public async Task Add_TooManyWaitingForOneUser_RefusedWithReason_OtherUserAccepted()
    {
        await using var fixture = LibraryFixture.Create(configure: o => o.QueueCapacity = 2);
        await fixture.Library.AddAsync("alice", "1.txt", new MemoryStream(Text("one")));
        await fixture.Library.AddAsync("alice", "2.txt", new MemoryStream(Text("two")));

        var refused = await Assert.ThrowsAsync<DocumentException>(() => fixture.Library.AddAsync("alice", "3.txt", new MemoryStream(Text("three"))));
        var bobs = await fixture.Library.AddAsync("bob", "1.txt", new MemoryStream(Text("one")));

        Assert.Contains("waiting to be indexed", refused.Message, StringComparison.Ordinal);
        Assert.Equal(DocumentStatus.Queued, bobs.Status);
        fixture.DeleteDirectory();
    }

    [Fact]
    public async Task Add_FailedDocumentAddedAgain_IsTriedAgain()
    {
        var limit = 10;
        await using var fixture = await LibraryFixture.StartAsync(configure: o => o.MaxParagraphs = limit);
        var content = BombDocuments.DocxWithParagraphs(20, empty: false);
        var failed = await fixture.AddAndWaitAsync("alice", "long.docx", content);

        var again = await fixture.Library.AddAsync("alice", "long.docx", new MemoryStream(content));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var final = await fixture.Library.WaitUntilIndexedAsync("alice", again.Id, timeout.Token);

        Assert.Equal(DocumentStatus.Failed, failed.Status);
        Assert.Contains($"{limit} paragraphs", failed.Message, StringComparison.Ordinal);
        Assert.NotEqual(failed.Id, again.Id);
        Assert.Equal(DocumentStatus.Queued, again.Status);
        Assert.Equal(DocumentStatus.Failed, final!.Status);
        fixture.DeleteDirectory();
    }
}
