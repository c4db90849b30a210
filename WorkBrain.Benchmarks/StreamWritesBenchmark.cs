using System.Diagnostics;
using Microsoft.Extensions.Options;
using WorkBrain.Core.Events;
using WorkBrain.Core.Storage;
using WorkBrain.Web.Conversations;
using WorkBrain.Web.Data;

namespace WorkBrain.Benchmarks;

/// <summary>How long storing one streamed answer takes: one write per delta (as before) against coalesced writes, on
/// SQLite, and on PostgreSQL too when WORKBRAIN_TEST_POSTGRES names a database to use.</summary>
internal sealed class StreamWritesBenchmark : IBenchmark
{
    public string Name => "writes";

    public string Description => "store a streamed answer (N deltas): one write per delta vs. coalesced, SQLite [and PostgreSQL]";

    public async Task RunAsync(IReadOnlyList<string> args, TextWriter output, CancellationToken cancellationToken)
    {
        var deltas = args.Count > 0 && int.TryParse(args[0], System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : 10_000;
        var directory = Path.Combine(Path.GetTempPath(), "wb-bench-writes-" + Guid.NewGuid().ToString("N"));
        try
        {
            await RunProviderAsync(output, "sqlite", new StorageOptions { DataDirectory = directory }, deltas, cancellationToken);
            if (Environment.GetEnvironmentVariable("WORKBRAIN_TEST_POSTGRES") is { Length: > 0 } postgres)
            {
                await RunProviderAsync(output, "postgres", new StorageOptions { DataDirectory = directory, Provider = "postgres", ConnectionString = postgres }, deltas, cancellationToken);
            }
            else
            {
                output.WriteLine("postgres: skipped (set WORKBRAIN_TEST_POSTGRES to a database the benchmark may migrate and write to)");
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task RunProviderAsync(TextWriter output, string name, StorageOptions storage, int deltas, CancellationToken cancellationToken)
    {
        var factory = new WorkBrainDbContextFactory(Options.Create(storage));
        var store = new ChatStore(factory, TimeProvider.System, Options.Create(storage));
        var session = await store.CreateSessionAsync("bench", "writes", cancellationToken);
        foreach (var (label, options) in new[]
                 {
                     ("one write per delta", new StreamWriteOptions { FlushDeltas = 1 }),
                     ("coalesced (100 ms / 64 deltas)", new StreamWriteOptions()),
                 })
        {
            var (user, assistant) = await store.AddTurnAsync("bench", session.Id, "go", [], null, cancellationToken: cancellationToken);
            var writer = new MessageEventWriter(new AnswerWriteQueue(factory), assistant.Id, user.Id, options);
            var clock = Stopwatch.StartNew();
            for (var i = 0; i < deltas; i++)
            {
                await writer.WriteAsync(new TextDelta("text_generation", "token "), cancellationToken);
            }

            await writer.FinishAsync(MessageStatuses.Complete, "");
            clock.Stop();
            await writer.DisposeAsync();
            output.WriteLine($"{name}, {label}: {deltas:N0} deltas in {clock.Elapsed.TotalMilliseconds:F0} ms " +
                             $"({deltas / clock.Elapsed.TotalSeconds:N0} deltas/s, {writer.Writes:N0} writes)");
        }
    }
}
