using Microsoft.Extensions.DependencyInjection;
using WorkBrain.Tests.Support;
using WorkBrain.Tests.Web.Browser;
using WorkBrain.Web.Conversations;

namespace WorkBrain.Tests.Web.Conversations;

public sealed class ChatStorePagingTests : IDisposable
{
    private readonly WorkBrainAppFactory _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task LoadMessagesAfterAsync_ReturnsTheNextPageOldestFirst_AndNothingForAnotherUser()
    {
        var sessionId = await LongChatBrowserTests.SeedAsync(_app.Services, "local", 200);
        var store = _app.Services.GetRequiredService<ChatStore>();

        var later = await store.LoadMessagesAfterAsync("local", sessionId, 49, 51);
        var end = await store.LoadMessagesAfterAsync("local", sessionId, 180, 51);
        var stranger = await store.LoadMessagesAfterAsync("someone-else", sessionId, 49, 51);

        Assert.Equal(Enumerable.Range(50, 51), later!.Select(m => m.Sequence));
        Assert.Contains("```csharp", later![1].AnswerText, StringComparison.Ordinal);
        Assert.Equal(Enumerable.Range(181, 19), end!.Select(m => m.Sequence));
        Assert.Null(stranger);
    }

    [Fact]
    public async Task LoadMessagesAsync_BeforeSequence_ReturnsTheNewestPageBeforeIt()
    {
        var sessionId = await LongChatBrowserTests.SeedAsync(_app.Services, "local", 200);
        var store = _app.Services.GetRequiredService<ChatStore>();

        var earlier = await store.LoadMessagesAsync("local", sessionId, 51, 150);
        var first = await store.LoadMessagesAsync("local", sessionId, 51, 20);

        Assert.Equal(Enumerable.Range(99, 51), earlier!.Select(m => m.Sequence));
        Assert.Equal(Enumerable.Range(0, 20), first!.Select(m => m.Sequence));
    }
}
