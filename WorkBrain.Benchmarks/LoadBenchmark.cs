using System.Globalization;
using Microsoft.EntityFrameworkCore;
using WorkBrain.Benchmarks.Load;
using WorkBrain.Core.Storage;
using WorkBrain.Web.Accounts;
using WorkBrain.Web.Data;

namespace WorkBrain.Benchmarks;

/// <summary>
/// N concurrent users on WorkBrain (1 or 2 replica processes) answering from an engine stub with a fixed first-token
/// delay and token rate, with direct clients of the same stub in the same run: turns/s, time to first token through
/// WorkBrain and directly (p50/p95/p99) and what WorkBrain adds, tokens/s delivered, errors, and server memory per
/// connected user. Bounded (--seconds), 127.0.0.1 only.
/// <c>load --users N --seconds S [--via hub|api] [--replicas 1|2] [--first-token-ms 100] [--tokens-per-second 50]
/// [--tokens 50] [--token-chars 4] [--direct N] [--warmup-seconds 2] [--redis host:port] [--set Key=Value]… [--server WorkBrain.Web.dll]</c>; <c>--direct</c>
/// is how many clients call the stub directly at the same time (by default as many as users, so both sides see the same
/// concurrency); turns started in the first <c>--warmup-seconds</c> of the paced run are not counted (on either side);
/// <c>--server</c> starts that build of the app (a ReadyToRun publish, say) instead of this build's own.
/// </summary>
internal sealed class LoadBenchmark : IBenchmark
{
    public string Name => "load";

    public string Description => "concurrent hub or /v1 users on 1 or 2 replicas against an engine stub: turns/s, added time to first token, errors, memory per user";

    public async Task RunAsync(IReadOnlyList<string> args, TextWriter output, CancellationToken cancellationToken)
    {
        var o = LoadArgs.Parse(args);
        await using var stub = await EngineStub.StartAsync(TimeSpan.FromMilliseconds(o.FirstTokenMs), o.TokensPerSecond, o.Tokens, o.TokenChars);
        var data = Path.Combine(Path.GetTempPath(), "workbrain-bench-load-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(data);
        RedisProcess? redisProcess = null;
        var replicas = new List<WorkBrainProcess>();
        try
        {
            var settings = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
            {
                ["Storage:DataDirectory"] = data,
                ["Accounts:RequireLogin"] = "false",
                ["TextGeneration:Endpoint"] = stub.BaseUrl,
                ["TextGeneration:Model"] = "stub",
                ["TextGeneration:MaxOutputTokens"] = "32768",
                ["RateLimits:RequestsPerMinute"] = "1000000",
                ["Logging:LogLevel:Default"] = "Warning",
            };
            if (o.Replicas > 1)
            {
                var redis = o.Redis;
                if (redis is null)
                {
                    redisProcess = await RedisProcess.StartAsync();
                    redis = redisProcess.Connection;
                }

                settings["Redis:Connection"] = redis;
            }

            foreach (var (key, value) in o.Settings)
            {
                settings[key] = value;
            }

            for (var i = 0; i < o.Replicas; i++)
            {
                replicas.Add(await WorkBrainProcess.StartAsync(settings, o.ServerDll, cancellationToken));
            }

            output.WriteLine($"{o.Users} users via {o.Via} on {o.Replicas} replica(s) for {o.Seconds} s; engine stub: first token {o.FirstTokenMs} ms, " +
                             $"{o.TokensPerSecond} tokens/s, {o.Tokens} tokens of {o.TokenChars} chars; {Environment.ProcessorCount} cores; shared machine: figures vary with other load");
            var apiKey = o.Via == "api" ? await CreateApiKeyAsync(data, cancellationToken) : null;
            await new LoadRun(o, stub, replicas, apiKey, output).RunAsync(cancellationToken);
        }
        finally
        {
            foreach (var replica in replicas)
            {
                await replica.DisposeAsync();
            }

            if (redisProcess is not null)
            {
                await redisProcess.DisposeAsync();
            }

            try
            {
                Directory.Delete(data, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    /// <summary>A key for the single-user install's user, written to the store the replicas use.</summary>
    private static async Task<string> CreateApiKeyAsync(string data, CancellationToken cancellationToken)
    {
        var storage = new StorageOptions { DataDirectory = data };
        var keys = new ApiKeyService(new WorkBrainDbContextFactory(Microsoft.Extensions.Options.Options.Create(storage)), TimeProvider.System);
        return (await keys.CreateAsync("local", "load benchmark", cancellationToken)).Key;
    }
}

internal sealed record LoadArgs(
    int Users, int Seconds, string Via, int Replicas, int FirstTokenMs, double TokensPerSecond, int Tokens, int TokenChars,
    int DirectClients, int WarmupSeconds, string? Redis, IReadOnlyDictionary<string, string> Settings, string? ServerDll)
{
    public static LoadArgs Parse(IReadOnlyList<string> args)
    {
        string? Value(string name)
        {
            for (var i = 0; i < args.Count - 1; i++)
            {
                if (args[i] == name)
                {
                    return args[i + 1];
                }
            }

            return null;
        }

        int Int(string name, int fallback, int min, int max)
        {
            var value = Value(name) is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
            return value >= min && value <= max ? value : throw new ArgumentException($"{name} must be between {min} and {max}.");
        }

        var settings = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < args.Count - 1; i++)
        {
            if (args[i] == "--set" && args[i + 1].Split('=', 2) is [var key, var value])
            {
                settings[key] = value;
            }
        }

        var via = Value("--via") ?? "hub";
        if (via is not ("hub" or "api"))
        {
            throw new ArgumentException("--via must be hub or api.");
        }

        var users = Int("--users", 10, 1, 2000);
        return new LoadArgs(
            users, Int("--seconds", 10, 1, 600), via, Int("--replicas", 1, 1, 2),
            Int("--first-token-ms", 100, 0, 60_000), Value("--tokens-per-second") is { } tps ? double.Parse(tps, CultureInfo.InvariantCulture) : 50,
            Int("--tokens", 50, 1, 1_000_000), Int("--token-chars", 4, 1, 10_000),
            Int("--direct", users, 1, 2000), Int("--warmup-seconds", 2, 0, 600), Value("--redis"), settings, Value("--server"));
    }
}
