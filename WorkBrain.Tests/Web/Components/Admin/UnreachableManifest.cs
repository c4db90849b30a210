using System.Text.Json;
using WorkBrain.Core.Models;
using WorkBrain.Tests.Core.Models;

namespace WorkBrain.Tests.Web.Components.Admin;

/// <summary>
/// A temporary models folder and manifest whose models can only be downloaded from a port on 127.0.0.1 where nothing
/// listens, so that a pull fails at once with "no download source could be reached" (and optionally one that downloads slowly).
/// </summary>
internal sealed class UnreachableManifest : IDisposable
{
    public const string Model = "admin-test-model";
    public const string Other = "admin-test-vad";

    public const string Slow = "admin-test-slow";

    /// <param name="slowSource">When given, a third model <see cref="Slow"/> of <paramref name="slowSize"/> bytes downloads from it.</param>
    public UnreachableManifest(string? slowSource = null, long slowSize = 0)
    {
        Directory.CreateDirectory(Root);
        var source = $"http://127.0.0.1:{LocalFileServer.FreePort()}/weights.onnx";
        List<ModelEntry> models =
        [
            // the entries' folders are absolute, so that WORKBRAIN_MODELS (which wins over Models:Directory) cannot send them elsewhere
            new(Model, "image_understanding", "onnx", Path.Combine(Root, "test"), "MIT", "a model that cannot be downloaded",
                [new ModelFile("weights.onnx", 1_500_000, "", [source])]),
            new(Other, "asr", "onnx", Path.Combine(Root, "vad"), "Apache-2.0", "another",
                [new ModelFile("vad.onnx", 2048, "", [source])]),
        ];
        if (slowSource is not null)
        {
            models.Add(new(Slow, "tts", "onnx", Path.Combine(Root, "slow"), "CC0-1.0", "a model that downloads slowly",
                [new ModelFile("slow.onnx", slowSize, "", [slowSource])]));
        }

        File.WriteAllText(ManifestPath, JsonSerializer.Serialize(new ModelManifest(models), ModelManifest.Json));
    }

    public string Root { get; } = Path.Combine(Path.GetTempPath(), "workbrain-admin-models-" + Guid.NewGuid().ToString("N"));

    public string ManifestPath => Path.Combine(Root, "models.json");

    public ModelsOptions Options => new() { Directory = Root, Manifest = ManifestPath };

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
