using Microsoft.Extensions.Options;
using WorkBrain.Core.Experts;

namespace WorkBrain.Core.ImageGeneration;

/// <summary>Picks the engine the configuration asks for: remote when an endpoint is set (or asked for), else local.</summary>
public sealed class ImageEngineSelector(IEnumerable<IImageEngine> engines, IOptions<ImageGenerationOptions> options)
{
    private readonly IReadOnlyList<IImageEngine> _engines = engines.ToList();

    public IImageEngine? Current
    {
        get
        {
            var o = options.Value;
            var wanted = BackendChoice.Resolve(o.Backend, o.HasRemote);
            return _engines.FirstOrDefault(e => e.Kind == wanted);
        }
    }

    public ExpertStatus GetStatus() => Current?.GetStatus() ?? new ExpertStatus(
        ExpertIds.ImageGeneration, ExpertState.NotConfigured, "none", "",
        "No image engine: pull a Stable Diffusion model (dotnet run --project WorkBrain.Web -- models pull sd-turbo) or set ImageGeneration:Endpoint.");
}
