using Microsoft.Extensions.Options;

namespace WorkBrain.Web.Setup;

/// <summary>Publishes the saved engine settings at start-up, then looks for changes another replica saved every
/// <see cref="SetupOptions.RefreshSeconds"/> (0: never).</summary>
internal sealed partial class EngineSettingsLoader(EngineSettingsStore store, IOptions<SetupOptions> options, ILogger<EngineSettingsLoader> logger) : BackgroundService
{
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await store.LoadAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.RefreshSeconds <= 0)
        {
            return;
        }

        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.RefreshSeconds));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await store.LoadAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogRefreshFailed(logger, ex.Message);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read the saved engine settings: {Reason}")]
    private static partial void LogRefreshFailed(ILogger logger, string reason);
}
