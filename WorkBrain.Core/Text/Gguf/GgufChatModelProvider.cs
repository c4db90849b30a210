using System.Globalization;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WorkBrain.Core.Engines;
using WorkBrain.Core.Experts;
using WorkBrain.Core.Models;

namespace WorkBrain.Core.Text.Gguf;

/// <summary>
/// The GGUF text model (engine type "llamasharp"): the file at TextGeneration:Gguf:Path, or the
/// manifest entry TextGeneration:Gguf:ModelName (pulled first when Models:PullOnFirstUse allows it), loaded on first use.
/// A file that cannot be loaded is a "failed" status with the reason, never a crash.
/// </summary>
public sealed class GgufChatModelProvider(
    IOptions<GgufEngineOptions> options,
    IOptions<ModelsOptions> modelsOptions,
    ModelCatalog catalog,
    ILogger<GgufChatModelProvider> logger,
    EngineDefinition? definition = null)
    : GgufLocalEngine<IChatClient, GgufChatClient>(
        definition ?? new EngineDefinition(EngineCapability.Text, KindName, GgufChatEngineFactory.TypeName, new ConfigurationBuilder().Build().GetSection(GgufEngineOptions.Section)),
        options.Value, catalog, modelsOptions, logger)
{
    public const string KindName = "gguf";

    protected override ExpertStatus LoadedStatus(GgufChatClient client)
    {
        var s = client.Stats;
        var detail = string.Create(CultureInfo.InvariantCulture,
            $"{ModelName} ({client.Template}, context {client.ContextSize}{(client.CanReadImages ? ", reads images" : "")}) · {client.MemoryBytes / 1048576.0:0} MiB · queue {s.QueueDepth} · {s.Requests} requests · {s.LastTokensPerSecond:0.0} tokens/s · first token {s.AverageTimeToFirstTokenMs:0} ms");
        return Status(ExpertState.Ready, client.Device, detail) with { MemoryBytes = client.MemoryBytes, QueueDepth = s.QueueDepth };
    }

    protected override async Task<Func<GgufChatClient>?> PrepareAsync(CancellationToken cancellationToken)
    {
        var files = await ResolveFilesAsync(cancellationToken);
        if (files is null)
        {
            return null;
        }

        var effective = Effective(files.Value);
        return () => LlamaSharpEngineFactory.CreateChatClient(effective, Logger);
    }

    protected override Task ReleaseAsync(GgufChatClient loaded, CancellationToken cancellationToken) => loaded.DisposeWhenIdleAsync(cancellationToken);
}
