using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using WorkBrain.Core.Experts;

namespace WorkBrain.Core.Text;

/// <summary>Picks the text model the configuration asks for: remote when an endpoint is set (or asked for); "gguf" when
/// asked for, or under "auto" when a GGUF model is configured and no server is; else the local ONNX model.</summary>
public sealed class TextModelSelector(IEnumerable<IChatModelProvider> providers, IOptions<TextGenerationOptions> options)
{
    private readonly IReadOnlyList<IChatModelProvider> _providers = providers.ToList();

    public IChatModelProvider? Current
    {
        get
        {
            var o = options.Value;
            var wanted = o.Backend == Gguf.GgufChatModelProvider.KindName ? o.Backend : BackendChoice.Resolve(o.Backend, o.HasRemote);
            if (wanted == BackendChoice.Local && o.Backend != BackendChoice.Local &&
                _providers.OfType<Gguf.GgufChatModelProvider>().FirstOrDefault() is { IsConfigured: true } gguf)
            {
                return gguf;
            }

            return _providers.FirstOrDefault(p => p.Kind == wanted);
        }
    }

    public ExpertStatus GetStatus() => Current?.GetStatus() ?? new ExpertStatus(
        ExpertIds.TextGeneration, ExpertState.NotConfigured, "none", "",
        "No text model configured: set TextGeneration:Endpoint and TextGeneration:Model to an OpenAI-compatible server, or pull a local model (dotnet run --project WorkBrain.Web -- models pull qwen2.5-0.5b-instruct) and set TextGeneration:Backend to local.");

    public async ValueTask<IChatClient> GetRequiredClientAsync(CancellationToken cancellationToken)
    {
        var provider = Current;
        var client = provider is null ? null : await provider.GetChatClientAsync(cancellationToken);
        return client ?? throw new ExpertException(GetStatus().Detail);
    }
}
