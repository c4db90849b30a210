using WorkBrain.Core.Hosting;

namespace WorkBrain.Web.Hosting;

internal static class CliCommandRunner
{
    public static bool IsCommand(string[] args) => args.Length > 0 && !args[0].StartsWith('-');

    /// <summary>A command's standard output is its result (e.g. JSON lines): all logging goes to standard error.</summary>
    public static void UseStandardErrorForLogs(this WebApplicationBuilder builder, string[] args)
    {
        if (IsCommand(args))
        {
            builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        }
    }

    /// <summary>Runs the command named by the first argument, if any; null means "serve the web app".</summary>
    public static async Task<int?> TryRunCliCommandAsync(this WebApplication app, string[] args)
    {
        if (!IsCommand(args))
        {
            return null;
        }

        var commands = app.Services.GetServices<ICliCommand>().ToList();
        var command = commands.FirstOrDefault(c => string.Equals(c.Name, args[0], StringComparison.OrdinalIgnoreCase));
        if (command is null)
        {
            await Console.Error.WriteLineAsync($"Unknown command '{args[0]}'. Commands:");
            foreach (var c in commands)
            {
                await Console.Error.WriteLineAsync($"  {c.Usage}");
            }

            return 2;
        }

        using var cts = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cts.Cancel();
        };
        return await command.RunAsync(args.Skip(1).ToList(), Console.In, Console.Out, Console.Error, cts.Token);
    }
}
