using WorkBrain.Web.Conversations;

namespace WorkBrain.Web.Data;

/// <summary>At start-up: the schema is brought up to date before the app serves anything, then answers that a crash left
/// "streaming" are marked interrupted.</summary>
internal sealed partial class DatabaseStartup(WorkBrainDbContextFactory factory, AnswerRecovery recovery, ILogger<DatabaseStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await factory.EnsureReadyAsync(cancellationToken);
        var recovered = await recovery.RecoverAsync(cancellationToken);
        if (recovered > 0)
        {
            LogRecovered(logger, recovered);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} answer(s) cut short by a crash marked interrupted; their text is kept")]
    private static partial void LogRecovered(ILogger logger, int count);
}
