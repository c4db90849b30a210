using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using WorkBrain.Tests.Support;
using WorkBrain.Web.Hubs;

namespace WorkBrain.Tests.Web.Hubs;

/// <summary>Text deltas that queued for a hub client go as one text_delta with "events" = how many it joins, and it counts
/// as that many for Watch(messageId, from): a client that drops right after a merged message and watches again from its
/// count gets the rest exactly (no duplicate, no gap). A delta that did not wait behind others goes at once, alone.</summary>
public sealed class MergedDeltaHubTests : IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly string[] Words = Enumerable.Range(0, 10).Select(i => $"w{i} ").ToArray();
    private readonly Dictionary<int, TaskCompletionSource> _holds = [];
    private FakeOpenAiServer _llm = default!;
    private WorkBrainAppFactory _app = default!;

    public async Task InitializeAsync()
    {
        _llm = await FakeOpenAiServer.StartAsync();
        _llm.Answer = _ => Words;
        _llm.TokenDelay = TimeSpan.FromMilliseconds(1);
        _llm.BeforeToken = (i, ct) => _holds.TryGetValue(i, out var hold) ? hold.Task.WaitAsync(ct) : Task.CompletedTask;
        _app = new WorkBrainAppFactory(new Dictionary<string, string?>
        {
            ["TextGeneration:Endpoint"] = _llm.BaseUrl,
            ["TextGeneration:Model"] = "fake-model",
        });
    }

    public async Task DisposeAsync()
    {
        foreach (var hold in _holds.Values)
        {
            hold.TrySetResult();
        }

        await _app.DisposeAsync();
        await _llm.DisposeAsync();
    }

    private HubConnection Connect() => Connect(_app);

    private static HubConnection Connect(WorkBrainAppFactory app) => new HubConnectionBuilder()
        .WithUrl(new Uri(app.Server.BaseAddress, "/hubs/brain"), o => o.HttpMessageHandlerFactory = _ => app.Server.CreateHandler())
        .Build();

    /// <summary>Asks on <paramref name="asker"/> and reads its stream until the first six words are in (the engine holds
    /// before its 7th token): the turn's ids, the open stream and what came so far.</summary>
    private static async Task<(IAsyncEnumerator<JsonElement> Ask, TurnStarted Started, List<JsonElement> Asked)> AskUntilSixWordsAsync(
        HubConnection asker, CancellationToken cancellationToken)
    {
        await asker.StartAsync(cancellationToken);
        var ask = asker.StreamAsync<JsonElement>("Ask", new AskRequest("Write a short poem about spring"), cancellationToken).GetAsyncEnumerator(cancellationToken);
        Assert.True(await ask.MoveNextAsync());
        var started = ask.Current.Deserialize<TurnStarted>(Json)!;
        var asked = new List<JsonElement>();
        while (TextOf(asked) != string.Concat(Words[..6]) && await ask.MoveNextAsync())
        {
            asked.Add(ask.Current);
        }

        return (ask, started, asked);
    }

    private static int EventsOf(JsonElement item) => item.TryGetProperty("events", out var n) ? n.GetInt32() : 1;

    private static string TextOf(IEnumerable<JsonElement> items) =>
        string.Concat(items.Where(i => i.GetProperty("type").GetString() == "text_delta").Select(i => i.GetProperty("text").GetString()));

    [Fact]
    public async Task Watch_FromTheCountAfterAMergedDelta_ResumesWithNeitherDuplicatesNorGaps()
    {
        // The engine holds before its 7th and its 9th token: six deltas are queued when the first watcher joins.
        _holds[6] = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _holds[8] = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var timeout = new CancellationTokenSource(Wait);
        await using var asker = Connect();
        var (ask, started, asked) = await AskUntilSixWordsAsync(asker, timeout.Token);
        await using var askStream = ask;

        // A watcher joining now gets routed, expert_started and the six deltas at once: the deltas as one message. It drops
        // right after that message...
        var seen = new List<JsonElement>();
        await using (var first = Connect())
        {
            await first.StartAsync(timeout.Token);
            await foreach (var item in first.StreamAsync<JsonElement>("Watch", started.MessageId, 0, timeout.Token))
            {
                seen.Add(item);
                if (item.TryGetProperty("events", out _))
                {
                    break;
                }
            }
        }

        Assert.Equal(["routed", "expert_started", "text_delta"], seen.Select(i => i.GetProperty("type").GetString()));
        Assert.Equal(6, seen[^1].GetProperty("events").GetInt32());
        var count = seen.Sum(EventsOf);
        Assert.Equal(8, count);

        // ...and watches again from its count of events: it gets what came after, from the 7th delta on, to the end.
        _holds[6].SetResult();
        await using var second = Connect();
        await second.StartAsync(timeout.Token);
        var rest = new List<JsonElement>();
        await foreach (var item in second.StreamAsync<JsonElement>("Watch", started.MessageId, count, timeout.Token))
        {
            rest.Add(item);
            _holds[8].TrySetResult(); // the answer went on only once this watcher was reading
        }

        Assert.StartsWith("w6 ", rest[0].GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Equal(string.Concat(Words), TextOf(seen) + TextOf(rest));
        Assert.Equal("completed", rest[^1].GetProperty("type").GetString());

        // The asker's own stream, from event 0, counts the same events.
        while (await ask.MoveNextAsync())
        {
            asked.Add(ask.Current);
        }

        Assert.Equal(asked.Sum(EventsOf), count + rest.Sum(EventsOf));
        Assert.Equal(string.Concat(Words), TextOf(asked));
    }

    [Fact]
    public async Task Ask_TheFirstDelta_GoesAloneWhileTheEngineHoldsTheNext()
    {
        _holds[1] = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var timeout = new CancellationTokenSource(Wait);
        await using var asker = Connect();
        await asker.StartAsync(timeout.Token);
        await using var ask = asker.StreamAsync<JsonElement>("Ask", new AskRequest("Write a short poem about spring"), timeout.Token).GetAsyncEnumerator(timeout.Token);
        JsonElement? firstDelta = null;
        while (firstDelta is null && await ask.MoveNextAsync())
        {
            firstDelta = ask.Current.TryGetProperty("type", out var t) && t.GetString() == "text_delta" ? ask.Current : null;
        }

        // Nothing after the first token exists yet (the engine waits for the test): it was not held back for company.
        Assert.False(_holds[1].Task.IsCompleted);
        Assert.Equal("w0 ", firstDelta!.Value.GetProperty("text").GetString());
        Assert.False(firstDelta.Value.TryGetProperty("events", out _));

        _holds[1].SetResult();
        var rest = new List<JsonElement> { firstDelta.Value };
        while (await ask.MoveNextAsync())
        {
            rest.Add(ask.Current);
        }

        Assert.Equal(string.Concat(Words), TextOf(rest));
    }

    [Fact]
    public async Task Watch_WithMergingOff_ALateWatcherGetsOneMessagePerDelta()
    {
        _holds[6] = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var app = new WorkBrainAppFactory(new Dictionary<string, string?>
        {
            ["TextGeneration:Endpoint"] = _llm.BaseUrl,
            ["TextGeneration:Model"] = "fake-model",
            ["Hub:MergeQueuedDeltas"] = "false",
        });
        using var timeout = new CancellationTokenSource(Wait);
        await using var asker = Connect(app);
        var (ask, started, asked) = await AskUntilSixWordsAsync(asker, timeout.Token);
        await using var askStream = ask;

        // Six deltas were queued when this watcher joined: they still come one message each.
        var seen = new List<JsonElement>();
        await using (var late = Connect(app))
        {
            await late.StartAsync(timeout.Token);
            await foreach (var item in late.StreamAsync<JsonElement>("Watch", started.MessageId, 0, timeout.Token))
            {
                seen.Add(item);
                if (seen.Count == 8)
                {
                    break;
                }
            }
        }

        _holds[6].SetResult();
        Assert.Equal(Words[..6], seen.Skip(2).Select(i => i.GetProperty("text").GetString()));
        Assert.All(seen, i => Assert.False(i.TryGetProperty("events", out _)));
    }
}
