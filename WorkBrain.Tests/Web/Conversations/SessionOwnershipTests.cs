using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using WorkBrain.Tests.Support;
using WorkBrain.Web.Conversations;
using WorkBrain.Web.Data;
using WorkBrain.Web.Hubs;

namespace WorkBrain.Tests.Web.Conversations;

/// <summary>Issue 13, item 3: a session or message id sent by another user is "not found" and touches nothing of its
/// owner's, in particular not the answer being written (it once was stopped before ownership was checked).</summary>
public sealed class SessionOwnershipTests : IAsyncLifetime
{
    private static readonly string[] Tokens = Enumerable.Range(1, 30).Select(i => $"w{i} ").ToArray();

    private FakeOpenAiServer _llm = default!;
    private WorkBrainAppFactory _app = default!;

    public async Task InitializeAsync()
    {
        _llm = await FakeOpenAiServer.StartAsync();
        _llm.Answer = _ => Tokens;
        _llm.TokenDelay = TimeSpan.FromMilliseconds(60);
        _app = new WorkBrainAppFactory(new Dictionary<string, string?>
        {
            ["TextGeneration:Endpoint"] = _llm.BaseUrl,
            ["TextGeneration:Model"] = "fake-model",
            ["Accounts:RequireLogin"] = "true",
        });
        _ = _app.Server;
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _llm.DisposeAsync();
    }

    private ConversationService Conversations => _app.Services.GetRequiredService<ConversationService>();

    private ChatStore Store => _app.Services.GetRequiredService<ChatStore>();

    /// <summary>Alice's answer, live until its first events have been written.</summary>
    private async Task<ConversationService.StartedTurn> StartAliceAsync(string alice)
    {
        var started = await Conversations.AskAsync(alice, null, "Write thirty words");
        await foreach (var e in Conversations.WatchAsync(alice, started.Assistant.Id))
        {
            if (e is WorkBrain.Core.Events.TextDelta)
            {
                break;
            }
        }

        Assert.True(await Conversations.IsLiveAsync(started.Assistant.Id));
        return started;
    }

    private async Task AssertAnsweredInFullAsync(string alice, string messageId)
    {
        await foreach (var _ in Conversations.WatchAsync(alice, messageId))
        {
        }

        var message = await Store.LoadMessageAsync(alice, messageId);
        Assert.Equal(MessageStatuses.Complete, message!.Status);
        Assert.Equal(string.Concat(Tokens).Trim(), message.AnswerText.Trim());
    }

    [Fact]
    public async Task AskAsync_IntoAnotherUsersSession_IsNotFound_AndTheirAnswerGoesOn()
    {
        var alice = await StartAliceAsync("alice-id");

        await Assert.ThrowsAsync<SessionNotFoundException>(() => Conversations.AskAsync("bob-id", alice.SessionId, "stop that"));

        Assert.True(await Conversations.IsLiveAsync(alice.Assistant.Id));
        await AssertAnsweredInFullAsync("alice-id", alice.Assistant.Id);
        Assert.Equal(2, (await Store.LoadMessagesAsync("alice-id", alice.SessionId))!.Count);
    }

    [Fact]
    public async Task RegenerateAsync_AnotherUsersSession_IsNotFound_AndTheirAnswerGoesOn()
    {
        var alice = await StartAliceAsync("alice-id");

        await Assert.ThrowsAsync<SessionNotFoundException>(() => Conversations.RegenerateAsync("bob-id", alice.SessionId));

        await AssertAnsweredInFullAsync("alice-id", alice.Assistant.Id);
    }

    [Fact]
    public async Task Hub_AnotherUsersSessionAndMessageIds_AreNotFound_AndChangeNothing()
    {
        using var aliceUser = await SignedInUser.RegisterAsync(_app, "alice@example.org");
        using var bobUser = await SignedInUser.RegisterAsync(_app, "bob@example.org");
        var alice = await StartAliceAsync(aliceUser.Id);
        await using var bob = bobUser.Hub();
        await bob.StartAsync();

        var ask = await Assert.ThrowsAsync<HubException>(async () =>
        {
            await foreach (var _ in bob.StreamAsync<JsonElement>("Ask", new AskRequest("stop that", alice.SessionId)))
            {
            }
        });
        Assert.Contains("Session not found", ask.Message, StringComparison.Ordinal);
        Assert.False(await bob.InvokeAsync<bool>("Stop", alice.Assistant.Id));
        var watched = new List<JsonElement>();
        await foreach (var e in bob.StreamAsync<JsonElement>("Watch", alice.Assistant.Id, 0))
        {
            watched.Add(e);
        }

        Assert.Empty(watched);
        await Assert.ThrowsAsync<HubException>(() => bob.InvokeAsync<IReadOnlyList<MessageDto>>("GetMessages", alice.SessionId));
        Assert.Empty(await bob.InvokeAsync<IReadOnlyList<SessionSummary>>("GetSessions", (string?)null));

        await AssertAnsweredInFullAsync(aliceUser.Id, alice.Assistant.Id);
    }
}
