using System.Text.Json;
using Microsoft.Extensions.Options;
using Microsoft.ML.OnnxRuntime;
using WorkBrain.Core.Engines.Onnx;
using WorkBrain.Core.Experts;
using WorkBrain.Core.Models;

namespace WorkBrain.Core.Vision.Classification;

/// <summary>The SqueezeNet ImageNet model and its 1000 labels, loaded once on first use.</summary>
public sealed class ClassifierModel(IOptions<ModelsOptions> models, IOptions<VisionOptions> vision, OnnxSessionFactory? sessions = null) : IDisposable
{
    public const string ModelFile = "SqueezeNet_fp16.onnx";
    public const string LabelsFile = "Labels.json";

    private readonly Lock _gate = new();
    private (InferenceSession Session, string[] Labels)? _loaded;

    public string PathOf(string file) => models.Value.PathOf(vision.Value.ClassifierDirectory, file);

    public IReadOnlyList<string> MissingFiles() => new[] { ModelFile, LabelsFile }.Where(f => !File.Exists(PathOf(f))).ToList();

    internal (InferenceSession Session, string[] Labels) Get()
    {
        lock (_gate)
        {
            if (_loaded is { } loaded)
            {
                return loaded;
            }

            var missing = MissingFiles();
            if (missing.Count > 0)
            {
                throw new ExpertException(
                    $"The image classifier is not downloaded: {string.Join(", ", missing)} missing from {Path.GetDirectoryName(PathOf(ModelFile))}. Pull the model \"squeezenet\".");
            }

            _loaded = (OnnxSessions.Create(sessions ?? OnnxSessionFactory.Default, "squeezenet", PathOf(ModelFile)), LoadLabels(PathOf(LabelsFile)));
            return _loaded.Value;
        }
    }

    internal static string[] LoadLabels(string path)
    {
        using var stream = File.OpenRead(path);
        var map = JsonSerializer.Deserialize<Dictionary<string, string>>(stream)
                  ?? throw new ExpertException($"The label file {path} is empty.");
        var labels = new string[map.Count];
        foreach (var (key, value) in map)
        {
            if (!int.TryParse(key, out var index) || index < 0 || index >= labels.Length)
            {
                throw new ExpertException($"The label file {path} has an unexpected key \"{key}\".");
            }

            labels[index] = value;
        }

        return labels;
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _loaded?.Session.Dispose();
            _loaded = null;
        }
    }
}
