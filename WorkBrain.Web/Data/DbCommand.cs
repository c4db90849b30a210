using WorkBrain.Core.Hosting;

namespace WorkBrain.Web.Data;

/// <summary><c>db migrate</c> applies pending migrations (adopting a SQLite file made before migrations existed);
/// <c>db status</c> lists applied and pending ones.</summary>
internal sealed class DbCommand(WorkBrainDbContextFactory factory) : ICliCommand
{
    public string Name => "db";

    public string Usage => "db migrate|status   apply pending database migrations, or list applied and pending ones";

    public async Task<int> RunAsync(IReadOnlyList<string> args, TextReader input, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        // Configuration switches (--Storage:Provider=postgres) are read by the host, not by the command.
        args = args.Where(a => !a.StartsWith("--", StringComparison.Ordinal)).ToList();
        if (args.Count != 1 || args[0] is not ("migrate" or "status"))
        {
            await error.WriteLineAsync($"Usage: {Usage}");
            return 2;
        }

        var where = factory.Storage.IsPostgres ? "postgres" : $"sqlite ({factory.Storage.SqlitePath})";
        try
        {
            if (args[0] == "migrate")
            {
                await DatabaseMigrator.PrepareAsync(factory, migrate: true, cancellationToken);
            }

            await using var db = factory.CreateDbContext();
            var (applied, pending) = await DatabaseMigrator.StatusAsync(db, cancellationToken);
            await output.WriteLineAsync($"database: {where}");
            foreach (var id in applied)
            {
                await output.WriteLineAsync($"applied  {id}");
            }

            foreach (var id in pending)
            {
                await output.WriteLineAsync($"pending  {id}");
            }

            return pending.Count == 0 ? 0 : 1;
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.Data.Common.DbException)
        {
            await error.WriteLineAsync($"db {args[0]} failed on {where}: {ex.Message}");
            return 1;
        }
    }
}
