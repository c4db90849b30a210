using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using WorkBrain.Web.Hubs;

namespace WorkBrain.Benchmarks.Load;

/// <summary>One bounded run: N WorkBrain users (hub or /v1, spread over the replicas) and, at the same time, as many
/// direct clients of the stub (<c>--direct</c>), so both sides measure the same number of concurrent streams on the same
/// machine and what WorkBrain adds is the difference; then the figures. Both sides are paced alike: client i of each side
/// starts its first turn at the same offset (spread over one turn's length, so the users do not move in waves), and turns
/// started in the first <c>--warmup-seconds</c> are not counted on either side.</summary>
internal sealed class LoadRun(LoadArgs o, EngineStub stub, IReadOnlyList<WorkBrainProcess> replicas, string? apiKey, TextWriter output)
{
    private const string Question = "Write a short note about spring.";
    private readonly Latencies _ttft = new();
    private readonly Latencies _directTtft = new();
    private long _turns;
    private long _tokens;
    private long _textMessages;
    private long _errors;
    private long _directTurns;
    private string? _firstError;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = int.MaxValue, PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
        {
            Timeout = TimeSpan.FromMinutes(5),
        };
        var idleBefore = replicas.Sum(r => r.ResidentBytes());
        var hubs = new List<HubConnection>();
        if (o.Via == "hub")
        {
            for (var i = 0; i < o.Users; i++)
            {
                var hub = new HubConnectionBuilder().WithUrl(replicas[i % replicas.Count].Url + "/hubs/brain").Build();
                await hub.StartAsync(cancellationToken);
                hubs.Add(hub);
            }
        }

        await Task.Delay(500, cancellationToken); // let the connections settle before reading memory
        var connected = replicas.Sum(r => r.ResidentBytes());

        // Warm-up, not counted: one turn per replica (JIT, first database writes), then one turn per user at once, so
        // the measured turns see a started server (code paths compiled under concurrency, thread pool grown), not its first burst.
        foreach (var (replica, i) in replicas.Select((r, i) => (r, i)))
        {
            await OneTurnAsync(http, hubs.Count > i ? hubs[i] : null, replica, record: false, cancellationToken);
        }

        await Task.WhenAll(Enumerable.Range(0, o.Users).Select(i =>
            OneTurnAsync(http, hubs.Count > 0 ? hubs[i] : null, replicas[i % replicas.Count], record: false, cancellationToken)));

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var loadBefore = MachineLoad.Average();
        var clock = Stopwatch.StartNew();
        var warmup = TimeSpan.FromSeconds(o.WarmupSeconds);
        var deadline = warmup + TimeSpan.FromSeconds(o.Seconds);
        var directClients = o.DirectClients;
        var cycle = TimeSpan.FromMilliseconds(o.FirstTokenMs) + TimeSpan.FromSeconds(o.Tokens / o.TokensPerSecond);
        TimeSpan Offset(int i, int of) => cycle * i / of;
        long peak = 0;
        var cpuAtWarmup = Task.Run(async () =>
        {
            await Task.Delay(warmup, cancellationToken);
            return replicas.Sum(r => r.CpuTime().Ticks);
        }, CancellationToken.None);
        var sampler = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                peak = Math.Max(peak, replicas.Sum(r => r.ResidentBytes()));
                await Task.Delay(250, CancellationToken.None);
            }
        }, CancellationToken.None);
        var users = Enumerable.Range(0, o.Users).Select(i => Task.Run(async () =>
        {
            await Task.Delay(Offset(i, o.Users), cancellationToken);
            while (clock.Elapsed < deadline)
            {
                var record = clock.Elapsed >= warmup;
                await OneTurnAsync(http, hubs.Count > 0 ? hubs[i] : null, replicas[i % replicas.Count], record, cancellationToken);
            }
        }, CancellationToken.None));
        var direct = Enumerable.Range(0, directClients).Select(i => Task.Run(async () =>
        {
            await Task.Delay(Offset(i, directClients), cancellationToken);
            while (clock.Elapsed < deadline)
            {
                var record = clock.Elapsed >= warmup;
                await DirectTurnAsync(http, record, cancellationToken);
            }
        }, CancellationToken.None));
        await Task.WhenAll(users.Concat(direct));
        var elapsed = (clock.Elapsed - warmup).TotalSeconds;
        var cpu = TimeSpan.FromTicks(replicas.Sum(r => r.CpuTime().Ticks) - await cpuAtWarmup);
        var loadAfter = MachineLoad.Average();
        await stop.CancelAsync();
        await sampler;
        foreach (var hub in hubs)
        {
            await hub.DisposeAsync();
        }

        Report(elapsed, directClients, idleBefore, connected, peak);
        // CPU per turn moves less with other load on the machine than the latencies do (which queue behind it).
        output.WriteLine($"server CPU after the warm-up: {cpu.TotalMilliseconds / Math.Max(1, _turns):0.0} ms per measured turn, {cpu.TotalSeconds / elapsed * 100:0} % of one core");
        output.WriteLine($"load average (1/5/15 min) before the measured turns: {loadBefore}; after: {loadAfter}");
    }

    private void Report(double elapsed, int directClients, long idleBefore, long connected, long peak)
    {
        static string Ms(double v) => double.IsNaN(v) ? "–" : v.ToString("0.0", CultureInfo.InvariantCulture);
        output.WriteLine($"turns: {_turns:N0} in {elapsed:0.0} s = {_turns / elapsed:0.0} turns/s; errors: {_errors}{(_firstError is null ? "" : $" (first: {_firstError})")}");
        output.WriteLine($"tokens delivered: {_tokens:N0} = {_tokens / elapsed:N0} tokens/s" +
                         (o.Via == "hub" ? $" in {_textMessages:N0} text_delta messages (deltas that had queued go as one)" : ""));
        output.WriteLine($"time to first token through WorkBrain: p50 {Ms(_ttft.Percentile(50))} ms, p95 {Ms(_ttft.Percentile(95))} ms, p99 {Ms(_ttft.Percentile(99))} ms ({_ttft.Count:N0} turns)");
        output.WriteLine($"time to first token from the stub directly ({directClients} clients): p50 {Ms(_directTtft.Percentile(50))} ms, p95 {Ms(_directTtft.Percentile(95))} ms, p99 {Ms(_directTtft.Percentile(99))} ms ({_directTurns:N0} turns)");
        var (low50, high50) = Latencies.DifferenceInterval(_ttft, _directTtft, 50);
        var (low95, high95) = Latencies.DifferenceInterval(_ttft, _directTtft, 95);
        output.WriteLine($"added by WorkBrain: p50 {Ms(_ttft.Percentile(50) - _directTtft.Percentile(50))} ms (resampled 90% range {Ms(low50)} to {Ms(high50)}), " +
                         $"p95 {Ms(_ttft.Percentile(95) - _directTtft.Percentile(95))} ms (resampled 90% range {Ms(low95)} to {Ms(high95)}); " +
                         $"samples: {_ttft.Count:N0} through WorkBrain, {_directTtft.Count:N0} direct, turns started in the first {o.WarmupSeconds} s not counted");
        var perUserIdle = o.Via == "hub" ? $"{(connected - idleBefore) / 1024.0 / o.Users:0} KiB per connected user idle, " : "";
        output.WriteLine($"server memory: {idleBefore / 1048576.0:0} MiB before, {connected / 1048576.0:0} MiB with {o.Users} users connected, peak {peak / 1048576.0:0} MiB under load; " +
                         $"{perUserIdle}{(peak - idleBefore) / 1024.0 / o.Users:0} KiB per user under load");
    }

    private async Task OneTurnAsync(HttpClient http, HubConnection? hub, WorkBrainProcess replica, bool record, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        TimeSpan? first = null;
        long tokens = 0;
        long textMessages = 0;
        string? error = null;
        try
        {
            if (hub is not null)
            {
                await foreach (var item in hub.StreamAsync<JsonElement>("Ask", new AskRequest(Question), cancellationToken))
                {
                    var type = item.TryGetProperty("type", out var t) ? t.GetString() : null;
                    if (type == "text_delta")
                    {
                        first ??= clock.Elapsed;
                        tokens += item.TryGetProperty("events", out var n) ? n.GetInt32() : 1; // deltas that queued go as one
                        textMessages++;
                    }
                    else if (type == "expert_failed")
                    {
                        error = item.GetProperty("message").GetString();
                    }
                }
            }
            else
            {
                (first, tokens) = await StreamAsync(http, replica.Url + "/v1/chat/completions", "workbrain", apiKey, clock, cancellationToken);
            }

            if (first is null)
            {
                error ??= "no text";
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            error = ex.GetType().Name + ": " + ex.Message;
        }

        if (!record)
        {
            return;
        }

        Interlocked.Increment(ref _turns);
        Interlocked.Add(ref _tokens, tokens);
        Interlocked.Add(ref _textMessages, textMessages);
        if (error is not null)
        {
            Interlocked.Increment(ref _errors);
            Interlocked.CompareExchange(ref _firstError, error, null);
        }
        else
        {
            _ttft.Add(first!.Value);
        }
    }

    private async Task DirectTurnAsync(HttpClient http, bool record, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var (first, _) = await StreamAsync(http, stub.BaseUrl + "/chat/completions", "stub", null, clock, cancellationToken);
        if (record && first is { } value)
        {
            _directTtft.Add(value);
            Interlocked.Increment(ref _directTurns);
        }
    }

    /// <summary>An OpenAI streaming request: when the first content arrived, and how many content chunks.</summary>
    private static async Task<(TimeSpan? First, long Chunks)> StreamAsync(
        HttpClient http, string url, string model, string? key, Stopwatch clock, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new StringContent(JsonSerializer.Serialize(new { model, stream = true, messages = new[] { new { role = "user", content = Question } } }), Encoding.UTF8, "application/json"),
        };
        if (key is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"HTTP {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }

        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken));
        TimeSpan? first = null;
        long chunks = 0;
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (!line.StartsWith("data: {", StringComparison.Ordinal) || !line.Contains("\"content\":\"", StringComparison.Ordinal))
            {
                continue;
            }

            first ??= clock.Elapsed;
            chunks++;
        }

        return (first, chunks);
    }
}
