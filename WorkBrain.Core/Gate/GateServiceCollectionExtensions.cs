using WorkBrain.Core.Engines.Onnx;
using WorkBrain.Core.Engines;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WorkBrain.Core.Hosting;
using WorkBrain.Core.Text;

namespace WorkBrain.Core.Gate;

public static partial class GateServiceCollectionExtensions
{
    /// <summary>The trained ONNX gate as <see cref="IGate"/> (text-only when its files are missing) with every registered
    /// <see cref="IGateEvidence"/>, the optional planner gate in front of it (Gate:Planner:Enabled for every request,
    /// Gate:Planner:Cascade for the requests the trained gate is unsure of), and the <c>route</c> command.</summary>
    public static IServiceCollection AddGate(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<GateModelOptions>().BindConfiguration(GateModelOptions.Section).ValidateDataAnnotations();
        services.AddOptions<PlannerGateOptions>().BindConfiguration(PlannerGateOptions.Section).ValidateDataAnnotations();
        services.AddSingleton<IGate>(CreateGate);
        services.AddSingleton<ICliCommand, RouteCommand>();
        return services;
    }

    private static IGate CreateGate(IServiceProvider services)
    {
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("WorkBrain.Core.Gate");
        var gateOptions = services.GetRequiredService<IOptionsMonitor<GateOptions>>();
        var configured = services.GetRequiredService<IOptions<GateModelOptions>>().Value.Path;
        var path = ResolvePath(configured, services.GetService<IHostEnvironment>()?.ContentRootPath);
        IGate trained;
        if (path is null)
        {
            LogMissing(logger, configured);
            trained = new TextOnlyGate();
        }
        else
        {
            try
            {
                var gate = OnnxGate.Load(path, gateOptions, services.GetServices<IGateEvidence>(), logger, services.GetService<OnnxSessionFactory>());
                LogLoaded(logger, gate.Name, path);
                trained = gate;
            }
            catch (Exception ex) when (ex is IOException or InvalidDataException or System.Text.Json.JsonException
                                           or Microsoft.ML.OnnxRuntime.OnnxRuntimeException or UnauthorizedAccessException)
            {
                LogFailed(logger, path, ex.Message, ex);
                trained = new TextOnlyGate();
            }
        }

        var planner = services.GetRequiredService<IOptions<PlannerGateOptions>>();
        if (!planner.Value.Enabled && !planner.Value.Cascade)
        {
            return trained;
        }

        var selector = services.GetRequiredService<SelectedEngine<Microsoft.Extensions.AI.IChatClient>>();
        var plannerGate = new PlannerGate(selector.GetRequiredClientAsync, trained, gateOptions, planner,
            services.GetRequiredService<ILogger<PlannerGate>>());
        return planner.Value.Enabled
            ? plannerGate
            : new CascadeGate(trained, plannerGate, () => selector.IsAvailable);
    }

    /// <summary>An absolute path as it is; a relative one under the content root, then next to the executable,
    /// then under the working directory. Null when gate.json is in none of them.</summary>
    internal static string? ResolvePath(string configured, string? contentRoot)
    {
        if (Path.IsPathRooted(configured))
        {
            return File.Exists(configured) ? configured : null;
        }

        string?[] roots = [contentRoot, AppContext.BaseDirectory, Directory.GetCurrentDirectory()];
        return roots.Where(r => !string.IsNullOrEmpty(r))
            .Select(r => Path.GetFullPath(Path.Combine(r!, configured)))
            .FirstOrDefault(File.Exists);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Gate {Gate} loaded from {Path}.")]
    private static partial void LogLoaded(ILogger logger, string gate, string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Gate model {Path} not found: every request goes to text_generation. " +
        "Retrain it with `/usr/bin/python3 models/gate/train.py` or set Gate:Model:Path.")]
    private static partial void LogMissing(ILogger logger, string path);

    [LoggerMessage(Level = LogLevel.Error, Message = "Gate model {Path} could not be loaded ({Reason}): every request goes to text_generation.")]
    private static partial void LogFailed(ILogger logger, string path, string reason, Exception exception);
}
