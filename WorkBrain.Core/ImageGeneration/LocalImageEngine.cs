using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.ML.OnnxRuntime;
using WorkBrain.Core.Engines.Onnx;
using WorkBrain.Core.Experts;
using WorkBrain.Core.Models;

namespace WorkBrain.Core.ImageGeneration;

/// <summary>The in-process ONNX Stable Diffusion pipeline, loaded on first use; one image at a time.</summary>
public sealed partial class LocalImageEngine(
    IOptions<ImageGenerationOptions> options,
    IOptions<ModelsOptions> models,
    ILogger<LocalImageEngine> logger,
    OnnxSessionFactory? sessions = null) : IImageEngine, IDisposable
{
    private readonly SemaphoreSlim _lock = new(1, 1);
    private StableDiffusionPipeline? _pipeline;
    private string? _loadError;

    public string Kind => "local";

    public string Directory
    {
        get
        {
            var o = options.Value;
            if (!string.IsNullOrWhiteSpace(o.LocalModelPath))
            {
                return Path.GetFullPath(o.LocalModelPath);
            }

            var m = models.Value;
            ModelEntry? entry = null;
            try
            {
                entry = File.Exists(m.Manifest) ? ModelManifest.Load(m.Manifest).Find(o.LocalModel) : null;
            }
            catch (Exception e) when (e is IOException or System.Text.Json.JsonException or InvalidDataException)
            {
                // An unreadable manifest: fall back to the model name as its folder.
            }

            return entry is null ? Path.Combine(m.ResolveDirectory(), o.LocalModel) : m.PathOf(entry);
        }
    }

    public ExpertStatus GetStatus()
    {
        var o = options.Value;
        var dir = Directory;
        var missing = StableDiffusionPipeline.Missing(dir);
        if (missing.Count > 0)
        {
            return new ExpertStatus(ExpertIds.ImageGeneration, ExpertState.NotDownloaded, "local ONNX", "",
                $"The Stable Diffusion model '{o.LocalModel}' is not downloaded ({dir} lacks {missing[0]}). " +
                $"Run: dotnet run --project WorkBrain.Web -- models pull {o.LocalModel}, or set ImageGeneration:Endpoint to an OpenAI images API.",
                o.LocalModel);
        }

        if (_loadError is not null)
        {
            return new ExpertStatus(ExpertIds.ImageGeneration, ExpertState.Failed, "local ONNX", "", _loadError, o.LocalModel);
        }

        return new ExpertStatus(ExpertIds.ImageGeneration, ExpertState.Ready, "local ONNX", _pipeline?.Device ?? DefaultDevice,
            _pipeline is null ? $"{o.LocalModel}: loads on first use." : $"{o.LocalModel} loaded from {dir}.", o.LocalModel);
    }

    public async IAsyncEnumerable<ImageGenerationUpdate> GenerateAsync(ImageRequest request, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        await _lock.WaitAsync(cancellationToken);
        try
        {
            var pipeline = await Task.Run(Load, cancellationToken);
            await foreach (var update in pipeline.GenerateAsync(request, options.Value.Scheduler, cancellationToken))
            {
                yield return update;
            }
        }
        finally
        {
            _lock.Release();
        }
    }

    private StableDiffusionPipeline Load()
    {
        if (_pipeline is not null)
        {
            return _pipeline;
        }

        var dir = Directory;
        var missing = StableDiffusionPipeline.Missing(dir);
        if (missing.Count > 0)
        {
            throw new ExpertException(GetStatus().Detail);
        }

        try
        {
            _pipeline = new StableDiffusionPipeline(dir, sessions ?? OnnxSessionFactory.Default,
                new OnnxSessionSettings { IntraOpThreads = options.Value.Threads > 0 ? options.Value.Threads : null });
            LogLoaded(dir);
            return _pipeline;
        }
        catch (Exception e) when (e is OnnxRuntimeException or InvalidDataException or IOException or System.Text.Json.JsonException)
        {
            _loadError = $"The Stable Diffusion export in {dir} could not be loaded: {e.Message}";
            throw new ExpertException(_loadError, e);
        }
    }

    private static string DefaultDevice =>
#if WORKBRAIN_GPU
        "GPU (CUDA)";
#else
        "CPU";
#endif


    public void Dispose()
    {
        _pipeline?.Dispose();
        _lock.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Stable Diffusion pipeline loaded from {Directory}")]
    private partial void LogLoaded(string directory);
}
