using System.Collections.Concurrent;
using System.ClientModel;
using System.ClientModel.Primitives;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using OpenAI;
using OpenAI.Chat;
using WorkBrain.Core.Events;
using WorkBrain.Core.Gate;
using WorkBrain.Core.Orchestration;
using WorkBrain.Core.Turns;
using WorkBrain.Tests.Support;
using WorkBrain.Web.Accounts;

namespace WorkBrain.Tests.Web.Api;

/// <summary>Every /v1 request is a conversation of its own (a local engine runs one generation per conversation at a
/// time, so a shared id would queue every user's calls behind each other).</summary>
public sealed class ApiConversationTests
{
    [Fact]
    public async Task EachRequest_HasItsOwnConversation_PerUserAndRequest()
    {
        var brain = new RecordingBrain();
        await using var app = new WorkBrainAppFactory().WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<IBrain>(brain)));
        var keys = app.Services.GetRequiredService<ApiKeyService>();

        ChatClient Chat(string key) => new OpenAIClient(new ApiKeyCredential(key), new OpenAIClientOptions
        {
            Endpoint = new Uri(app.Server.BaseAddress, "/v1"),
            Transport = new HttpClientPipelineTransport(app.CreateClient()),
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
        }).GetChatClient("text_generation");

        var alice = Chat((await keys.CreateAsync("alice", "t")).Key);
        var bob = Chat((await keys.CreateAsync("bob", "t")).Key);
        await Task.WhenAll(alice.CompleteChatAsync([new UserChatMessage("one")]), alice.CompleteChatAsync([new UserChatMessage("two")]), bob.CompleteChatAsync([new UserChatMessage("three")]));

        var sessions = brain.Turns.Select(t => t.SessionId).ToList();
        Assert.Equal(3, sessions.Distinct().Count());
        Assert.DoesNotContain("api", sessions);
        Assert.Equal(2, brain.Turns.Count(t => t.UserId == "alice"));
    }

    private sealed class RecordingBrain : IBrain
    {
        public ConcurrentBag<Turn> Turns { get; } = [];

        public async IAsyncEnumerable<BrainEvent> AnswerAsync(Turn turn, IReadOnlyList<string>? forcedExperts = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            Turns.Add(turn);
            await Task.Yield();
            yield return new Routed(GateDecision.Single("text_generation", turn.Text, "test"));
            yield return new ExpertStarted("text_generation", turn.Text);
            yield return new TextDelta("text_generation", "ok");
            yield return new ExpertFinished("text_generation", new ExpertStats(1, 1, 1, 1));
            yield return new Completed(new TurnStats(1, 0, 1, 0, false));
        }
    }
}
