using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using WorkBrain.Core.Documents;
using WorkBrain.Core.Documents.Storage;
using WorkBrain.Tests.Support;
using WorkBrain.Web.Hubs;

namespace WorkBrain.Tests.Web.Scale;

/// <summary>Two replicas sharing the store and Redis: an answer running on one is watched, resumed and stopped from the
/// other; a sign-in on one holds on the other; the rate limit counts requests on both; a document added or deleted on one
/// is found or gone in a search on the other.</summary>
public sealed class TwoReplicaTests(TwoReplicas replicas) : IClassFixture<TwoReplicas>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [Fact]
    public async Task HubClientOnB_WatchesAndResumesAnAnswerRunningOnA()
    {
        var cookies = await TwoReplicas.SignInAsync(replicas.UrlA, replicas.UrlA);
        await using var onA = TwoReplicas.Hub(replicas.UrlA, cookies);
        await onA.StartAsync();
        using var askCancel = new CancellationTokenSource();
        await using var ask = onA.StreamAsync<JsonElement>("Ask", new AskRequest("Tell me a long story"), askCancel.Token).GetAsyncEnumerator();
        Assert.True(await ask.MoveNextAsync());
        var started = ask.Current.Deserialize<TurnStarted>(Json)!;

        // B did not start the answer; it reads it from Redis. The first connection drops after 5 events...
        var seen = new List<JsonElement>();
        await using (var first = TwoReplicas.Hub(replicas.UrlB, cookies))
        {
            await first.StartAsync();
            await foreach (var e in first.StreamAsync<JsonElement>("Watch", started.MessageId, 0))
            {
                seen.Add(e);
                if (seen.Count == 5)
                {
                    break;
                }
            }
        }

        // ...and a new one resumes after them, to the end.
        await using var second = TwoReplicas.Hub(replicas.UrlB, cookies);
        await second.StartAsync();
        await foreach (var e in second.StreamAsync<JsonElement>("Watch", started.MessageId, seen.Sum(EventsOf)))
        {
            seen.Add(e);
        }

        var types = seen.Select(e => e.GetProperty("type").GetString()).ToList();
        Assert.Equal("routed", types[0]);
        Assert.Equal("completed", types[^1]);
        Assert.Equal(string.Concat(TwoReplicas.Words), TextOf(seen));

        // The stream on A, from the first event, saw the very same events.
        var onAEvents = new List<JsonElement>();
        while (await ask.MoveNextAsync())
        {
            onAEvents.Add(ask.Current);
        }

        // (Deltas that queued for one of the clients went to it as one message counting them: compare events, not messages.)
        Assert.Equal(seen.Sum(EventsOf), onAEvents.Sum(EventsOf));
        Assert.Equal(TextOf(seen), TextOf(onAEvents));
        Assert.Equal(NotText(seen), NotText(onAEvents));
    }

    [Fact]
    public async Task StopSentToB_StopsTheAnswerRunningOnA()
    {
        var cookies = await TwoReplicas.SignInAsync(replicas.UrlA, replicas.UrlA);
        await using var onA = TwoReplicas.Hub(replicas.UrlA, cookies);
        await onA.StartAsync();
        await using var ask = onA.StreamAsync<JsonElement>("Ask", new AskRequest("Tell me a long story")).GetAsyncEnumerator();
        Assert.True(await ask.MoveNextAsync());
        var started = ask.Current.Deserialize<TurnStarted>(Json)!;
        var beforeStop = 0;
        while (await ask.MoveNextAsync() && ask.Current.GetProperty("type").GetString() != "text_delta")
        {
            beforeStop++;
        }

        await using var onB = TwoReplicas.Hub(replicas.UrlB, cookies);
        await onB.StartAsync();
        Assert.True(await onB.InvokeAsync<bool>("Stop", started.MessageId));

        // Stop returns once the answer has ended on A: it is stored as stopped, with only part of the text.
        var messages = await onA.InvokeAsync<IReadOnlyList<MessageDto>>("GetMessages", started.SessionId);
        var answer = messages.Single(m => m.Id == started.MessageId);
        Assert.Equal("stopped", answer.Status);
        Assert.StartsWith("w1 ", answer.Text, StringComparison.Ordinal);
        Assert.NotEqual(string.Concat(TwoReplicas.Words), answer.Text);
        Assert.False(await onB.InvokeAsync<bool>("Stop", started.MessageId)); // nothing left to stop
    }

    [Fact]
    public async Task ReadmesYarpProxy_CarriesHubWebSocketsToTheReplicas_OpenedFromThePagesOfTheProxysOrigin()
    {
        await using var proxy = await ReadmeYarpProxy.StartAsync(replicas.UrlA, replicas.UrlB);
        var signedIn = await TwoReplicas.SignInAsync(proxy.Url, proxy.Url);

        // Each connection is a new browser: no affinity cookie yet, so the proxy picks a replica at random, and the cookie
        // it sets on the negotiation keeps the WebSocket on that replica (without it, about half would reach the other,
        // which does not know the connection). The Origin is the proxy's, as from its pages: the replicas see the
        // public host through the proxy's X-Forwarded-Host.
        for (var i = 0; i < 6; i++)
        {
            var cookies = new CookieContainer();
            foreach (Cookie cookie in signedIn.GetAllCookies())
            {
                if (cookie.Name != ".WorkBrain.Affinity")
                {
                    cookies.Add(cookie);
                }
            }

            await using var hub = new HubConnectionBuilder()
                .WithUrl(proxy.Url + "/hubs/brain", Microsoft.AspNetCore.Http.Connections.HttpTransportType.WebSockets, o =>
                {
                    o.Cookies = cookies;
                    o.Headers["Origin"] = proxy.Url;
                })
                .Build();
            await hub.StartAsync();
            Assert.NotNull(await hub.InvokeAsync<IReadOnlyList<WorkBrain.Web.Conversations.SessionSummary>>("GetSessions", (string?)null));
            Assert.Contains(cookies.GetAllCookies(), c => c.Name == ".WorkBrain.Affinity");
        }

        // A whole answer streams back through the proxy.
        await using var asking = TwoReplicas.Hub(proxy.Url, signedIn);
        await asking.StartAsync();
        var events = new List<JsonElement>();
        await foreach (var e in asking.StreamAsync<JsonElement>("Ask", new AskRequest("Tell me a long story")))
        {
            events.Add(e);
        }

        Assert.NotNull(events[0].Deserialize<TurnStarted>(Json)?.MessageId);
        Assert.Equal(string.Concat(TwoReplicas.Words), TextOf(events.Skip(1)));
    }

    [Fact]
    public async Task SignInOnA_HoldsOnB_WithAFormTokenFromB()
    {
        // The form (and its antiforgery token) comes from B and is posted to A: both read the same key ring.
        var cookies = await TwoReplicas.SignInAsync(replicas.UrlB, replicas.UrlA);

        using var http = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false });
        var chatOnB = await http.GetAsync(replicas.UrlB + "/");
        Assert.Equal(HttpStatusCode.OK, chatOnB.StatusCode);
        using var signedOut = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        Assert.Equal(HttpStatusCode.Redirect, (await signedOut.GetAsync(replicas.UrlB + "/")).StatusCode);

        // The key ring that made it work is the one in Redis.
        await using var redis = await replicas.Redis.ConnectAsync();
        Assert.True(await redis.GetDatabase().ListLengthAsync(replicas.KeyPrefix + "data-protection-keys") >= 1);
    }

    [Fact]
    public async Task RateLimit_CountsRequestsOnBothReplicas()
    {
        // A user of its own (the other tests' hub questions count against alice's budget).
        var key = await replicas.A.Services.GetRequiredService<WorkBrain.Web.Accounts.ApiKeyService>().CreateAsync(
            await NewUserIdAsync("bob@example.org"), "rate-limit test");

        // The windows are whole clock minutes, the same on every replica; keep the 32 requests inside one.
        if (DateTime.UtcNow.Second >= 45)
        {
            await Task.Delay(TimeSpan.FromSeconds(61 - DateTime.UtcNow.Second));
        }

        using var http = new HttpClient();
        http.DefaultRequestHeaders.Authorization = new("Bearer", key.Key);

        // The limit is 30 a minute: 15 on A and 15 on B use it up, whichever replica gets the next one.
        for (var i = 0; i < 15; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(replicas.UrlA + "/v1/models")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(replicas.UrlB + "/v1/models")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, (await http.GetAsync(replicas.UrlA + "/v1/models")).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await http.GetAsync(replicas.UrlB + "/v1/models")).StatusCode);
    }

    [Fact]
    public async Task DocumentAddedOrDeletedOnA_IsFoundOrGoneInASearchOnB()
    {
        var userId = await NewUserIdAsync("carol@example.org");
        var onA = replicas.A.Services.GetRequiredService<DocumentLibrary>();
        var onB = replicas.B.Services.GetRequiredService<DocumentLibrary>();

        // B has loaded carol's (empty) library before A adds to it: its in-memory index exists and is out of date.
        Assert.Empty(await onB.SearchAsync(userId, "lighthouse keeper", 5));
        Assert.Null(await onB.BestLexicalMatchAsync(userId, "lighthouse keeper"));

        var added = await onA.AddAsync(userId, "lighthouse.txt", new MemoryStream(
            "The lighthouse keeper climbs two hundred steps every evening to light the lamp.\n\nThe harbour office closes at noon on Sundays."u8.ToArray()));
        Assert.Equal(DocumentStatus.Ready, (await onA.WaitUntilIndexedAsync(userId, added.Id))!.Status);

        // B never indexed it, yet finds it: by search and by the gate's lexical match.
        var hit = Assert.Single(await onB.SearchAsync(userId, "lighthouse keeper", 5));
        Assert.Equal(("lighthouse.txt", added.Id), (hit.DocumentName, hit.DocumentId));
        Assert.Contains("two hundred steps", hit.Text, StringComparison.Ordinal);
        Assert.Equal(hit.ChunkId, (await onB.BestLexicalMatchAsync(userId, "lighthouse keeper"))!.Value.Chunk.ChunkId);

        // Deleted on A: gone from B's search, and nothing else of carol's is there.
        Assert.True(await onA.DeleteAsync(userId, added.Id));
        Assert.Empty(await onB.SearchAsync(userId, "lighthouse keeper", 5));
        Assert.Null(await onB.BestLexicalMatchAsync(userId, "lighthouse keeper"));
    }

    [Fact]
    public async Task DocumentIndexedOnA_ItsProgressAndItsEnd_AreHeardOnB()
    {
        var userId = await NewUserIdAsync("dan@example.org");
        var onA = replicas.A.Services.GetRequiredService<DocumentLibrary>();
        var onB = replicas.B.Services.GetRequiredService<DocumentLibrary>();
        Assert.IsNotType<InProcessDocumentChangeFeed>(replicas.B.Services.GetRequiredService<IDocumentChangeFeed>());
        var heardOnB = new System.Collections.Concurrent.ConcurrentQueue<DocumentInfo>();
        var ends = new System.Collections.Concurrent.ConcurrentDictionary<string, TaskCompletionSource<DocumentInfo>>();
        TaskCompletionSource<DocumentInfo> EndOf(string id) => ends.GetOrAdd(id, _ => new(TaskCreationOptions.RunContinuationsAsynchronously));
        void OnB(DocumentInfo d)
        {
            if (d.UserId != userId)
            {
                return;
            }

            heardOnB.Enqueue(d);
            if (d.Status is DocumentStatus.Ready or DocumentStatus.Failed)
            {
                EndOf(d.Id).TrySetResult(d);
            }
        }

        onB.Changed += OnB;
        try
        {
            // A claims and indexes both (B never touches them); one has text, the other only blanks and fails.
            var good = await onA.AddAsync(userId, "harbour.txt", new MemoryStream(
                "The harbour office closes at noon on Sundays.\n\nFerries leave every hour from pier four."u8.ToArray()));
            var blank = await onA.AddAsync(userId, "blank.txt", new MemoryStream("   \n\n   \n"u8.ToArray()));
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));

            // Without a shared feed B hears nothing of either, and these waits time out.
            var ready = await EndOf(good.Id).Task.WaitAsync(timeout.Token);
            var failed = await EndOf(blank.Id).Task.WaitAsync(timeout.Token);

            Assert.Equal((DocumentStatus.Ready, 1.0), (ready.Status, ready.Progress));
            Assert.Equal(DocumentStatus.Failed, failed.Status);
            Assert.Contains("No text could be extracted", failed.Message, StringComparison.Ordinal);
            var progress = heardOnB.Where(d => d.Id == good.Id && d.Status == DocumentStatus.Indexing).Select(d => d.Progress).ToList();
            Assert.NotEmpty(progress);
            Assert.All(progress, p => Assert.InRange(p, 0.01, 0.99));
            Assert.Equal(DocumentStatus.Queued, heardOnB.First(d => d.Id == good.Id).Status);

            // A waiter on B for a document A indexed gets it as the shared store has it; nothing of its progress is left.
            Assert.Equal(DocumentStatus.Ready, (await onB.WaitUntilIndexedAsync(userId, good.Id, timeout.Token))!.Status);
            Assert.Null(await replicas.B.Services.GetRequiredService<IDocumentChangeFeed>().FindProgressAsync(good.Id));
        }
        finally
        {
            onB.Changed -= OnB;
        }
    }

    private async Task<string> NewUserIdAsync(string email)
    {
        using var scope = replicas.A.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        var user = new IdentityUser { UserName = email, Email = email };
        Assert.True((await users.CreateAsync(user, TwoReplicas.Password)).Succeeded);
        return user.Id;
    }

    /// <summary>How many events an item counts for Watch(messageId, from): a merged text_delta says so.</summary>
    private static int EventsOf(JsonElement item) => item.TryGetProperty("events", out var n) ? n.GetInt32() : 1;

    private static List<string> NotText(IEnumerable<JsonElement> events) =>
        events.Where(e => e.GetProperty("type").GetString() != "text_delta").Select(e => e.GetRawText()).ToList();

    private static string TextOf(IEnumerable<JsonElement> events) => string.Concat(events
        .Where(e => e.GetProperty("type").GetString() == "text_delta")
        .Select(e => e.GetProperty("text").GetString()));
}
