using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using WorkBrain.Core.Documents;
using WorkBrain.Core.Events;
using WorkBrain.Core.Experts;
using WorkBrain.Core.Text;
using WorkBrain.Core.Turns;
using WorkBrain.Tests.Support;

namespace WorkBrain.Tests.Core.Documents;

public sealed class DocumentQaExpertTests
{
    private const string Policy = "差旅政策。\n\n员工出差的住宿标准为每晚五百元。机票须提前七天预订。\n\nMeals are reimbursed up to 80 euros per day.";

    private static DocumentQaExpert Expert(LibraryFixture fixture, IChatClient? client = null) =>
        new(fixture.Library, client is null ? TestEngines.None<IChatClient>() : TestEngines.Select(client, inProcess: true),
            Options.Create(new DocumentsOptions { TopK = 3 }));

    private static async Task<Turn> TurnWithAttachmentAsync(LibraryFixture fixture, string text, string fileName, byte[] content)
    {
        var stored = await fixture.Files.SaveAsync(new MemoryStream(content), "text/plain", "alice");
        return new Turn(text, [new Attachment(fileName, "text/plain", AttachmentKind.Document, stored.Path, content.Length)], "s1", "alice", []);
    }

    private static async Task<List<BrainEvent>> RunAsync(IExpert expert, Turn turn)
    {
        var events = new List<BrainEvent>();
        await foreach (var e in expert.RunAsync(ExpertRequest.For(turn, turn.Text)))
        {
            events.Add(e);
        }

        return events;
    }

    [Fact]
    public async Task RunAsync_AttachmentWithoutTextModel_ExtractiveAnswerWithBoldSpanAndCitation()
    {
        await using var fixture = await LibraryFixture.StartAsync();
        var turn = await TurnWithAttachmentAsync(fixture, "出差住宿标准为每晚多少钱？", "policy.txt", Encoding.UTF8.GetBytes(Policy));

        var events = await RunAsync(Expert(fixture), turn);

        var text = string.Concat(events.OfType<TextDelta>().Select(t => t.Text));
        Assert.Contains("**五百元**", text, StringComparison.Ordinal);
        var citation = events.OfType<Citation>().First();
        Assert.Equal(("policy.txt", 1), (citation.Document, citation.Number));
        Assert.Contains("五百元", citation.Snippet, StringComparison.Ordinal);
        Assert.StartsWith("line", citation.Anchor, StringComparison.Ordinal);
        Assert.Single(await fixture.Library.ListAsync("alice"));
        fixture.DeleteDirectory();
    }

    [Fact]
    public async Task RunAsync_WithTextModel_StreamsAnswerAndCitesUsedPassages()
    {
        await using var fixture = await LibraryFixture.StartAsync();
        await fixture.AddAndWaitAsync("alice", "policy.txt", Encoding.UTF8.GetBytes(Policy));
        var chat = new FakeChatClient(["Meals: 80 euros ", "a day [1]."]);

        var events = await RunAsync(Expert(fixture, chat), Turn.FromText("How much are meals reimbursed?", userId: "alice"));

        Assert.Equal("Meals: 80 euros a day [1].", string.Concat(events.OfType<TextDelta>().Select(t => t.Text)));
        var citation = Assert.Single(events.OfType<Citation>());
        Assert.Equal(1, citation.Number);
        Assert.Contains("80 euros", citation.Snippet, StringComparison.Ordinal);
        var prompt = chat.LastMessages!.Last().Text;
        Assert.Contains("[1] (policy.txt, ", prompt, StringComparison.Ordinal);
        Assert.Contains("How much are meals reimbursed?", prompt, StringComparison.Ordinal);
        fixture.DeleteDirectory();
    }

    [Fact]
    public async Task RunAsync_CorruptAttachment_FailsWithClearMessage()
    {
        await using var fixture = await LibraryFixture.StartAsync();
        var turn = await TurnWithAttachmentAsync(fixture, "What does it say?", "secret.pdf", TestDocuments.EncryptedPdf());

        var ex = await Assert.ThrowsAsync<ExpertException>(() => RunAsync(Expert(fixture), turn));

        Assert.Contains("encrypted", ex.Message, StringComparison.OrdinalIgnoreCase);
        fixture.DeleteDirectory();
    }

    [Fact]
    public async Task RunAsync_NoDocuments_TellsUserToUpload()
    {
        await using var fixture = await LibraryFixture.StartAsync();

        var ex = await Assert.ThrowsAsync<ExpertException>(() => RunAsync(Expert(fixture), Turn.FromText("年假多少天？", userId: "carol")));

        Assert.Contains("no indexed documents", ex.Message, StringComparison.Ordinal);
        fixture.DeleteDirectory();
    }

    [Fact]
    public async Task GetStatus_NoTextModel_ReadyWithBm25AndExtractive()
    {
        await using var fixture = await LibraryFixture.StartAsync();

        var status = Expert(fixture).GetStatus();

        Assert.Equal(ExpertState.Ready, status.State);
        Assert.StartsWith("built-in BM25", status.Backend, StringComparison.Ordinal);
        Assert.Contains("extractive", status.Detail, StringComparison.Ordinal);
        fixture.DeleteDirectory();
    }

    [Fact]
    public void CitedNumbers_ParsesSingleAndGroupedReferences()
    {
        Assert.Equal([1, 2, 4], DocumentQaExpert.CitedNumbers("A [2]. B [1, 4]. C [9].", 5));
    }

    private sealed class FakeChatClient(IReadOnlyList<string> parts) : IChatClient
    {
        public IReadOnlyList<ChatMessage>? LastMessages { get; private set; }

        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            LastMessages = messages.ToList();
            foreach (var part in parts)
            {
                await Task.Yield();
                yield return new ChatResponseUpdate(ChatRole.Assistant, part);
            }
        }

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
