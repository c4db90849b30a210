using System.Text.RegularExpressions;
using WorkBrain.Core.Experts;
using WorkBrain.Core.Models;
using WorkBrain.Tests.Support;

namespace WorkBrain.Tests.Core.Models;

/// <summary>The shipped models/models.json: every local model kind has an entry, and each file has its size and sha256,
/// or its entry says they are not pinned yet (<c>models verify</c> then reports the file as UNVERIFIED).</summary>
public sealed partial class ModelManifestTests
{
    private static readonly ModelManifest Shipped = ModelManifest.Load(Path.Combine(TestModels.RepositoryRoot, "models", "models.json"));

    [Theory]
    [InlineData("gguf", "text_generation")]
    [InlineData("gguf-embedding", "document_qa")]
    [InlineData("onnx-decoder", "text_generation")]
    [InlineData("onnx-whisper", "asr")]
    [InlineData("whisper-ggml", "asr")]
    [InlineData("piper", "tts")]
    [InlineData("onnx-embedding", "document_qa")]
    [InlineData("onnx-stable-diffusion", "image_generation")]
    public void Shipped_HasAnEntryOfEachLocalModelKind(string format, string expert) =>
        Assert.Contains(Shipped.Models, m => m.Format == format && m.Expert == expert);

    [Fact]
    public void Shipped_NamesTheModelsTheEnginesDefaultTo()
    {
        Assert.Equal("onnx-embedding", Shipped.Find("bge-small-zh-v1.5")?.Format);
        Assert.Equal("onnx-stable-diffusion", Shipped.Find("sd-turbo")?.Format);
        Assert.Equal("whisper-ggml", Shipped.Find("whisper-base-ggml")?.Format);
    }

    [Fact]
    public void Shipped_EveryEntryIsComplete()
    {
        Assert.Equal(Shipped.Models.Count, Shipped.Models.Select(m => m.Name).Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.All(Shipped.Models, m =>
        {
            Assert.True(ExpertIds.IsKnown(m.Expert), $"{m.Name}: unknown expert {m.Expert}");
            Assert.False(string.IsNullOrWhiteSpace(m.Licence), $"{m.Name}: no licence");
            Assert.False(string.IsNullOrWhiteSpace(m.Description), $"{m.Name}: no description");
            Assert.True(IsRelative(m.Directory), $"{m.Name}: directory {m.Directory} is not a relative path inside the models folder");
            Assert.NotEmpty(m.Files);
            Assert.Equal(m.Files.Count, m.Files.Select(f => f.Path).Distinct(StringComparer.Ordinal).Count());
            Assert.All(m.Files, f =>
            {
                Assert.True(IsRelative(f.Path), $"{m.Name}: {f.Path} is not relative");
                Assert.NotEmpty(f.Sources);
                Assert.All(f.Sources, s => Assert.StartsWith("https://", s, StringComparison.Ordinal));
            });
        });
    }

    [Fact]
    public void Shipped_EachFileHasSizeAndSha256_OrItsEntrySaysTheyAreNotPinned()
    {
        Assert.All(Shipped.Models.SelectMany(m => m.Files.Select(f => (Model: m, File: f))), x =>
        {
            var pinned = x.File.Size > 0;
            Assert.True(pinned == (x.File.Sha256.Length > 0), $"{x.Model.Name}/{x.File.Path}: size and sha256 go together");
            if (pinned)
            {
                Assert.Matches(Sha256(), x.File.Sha256);
            }
            else
            {
                Assert.Contains("UNVERIFIED", x.Model.Description, StringComparison.Ordinal);
            }
        });
        Assert.Contains(Shipped.Models, m => m.Files.All(f => f.Size > 0));
    }

    [Fact]
    public void Shipped_PinnedHuggingFaceConfigFiles_ComeFromAFixedRevision()
    {
        // A small JSON/text file on a branch changes with the repository; its pin only stays true at a commit or tag.
        var pinnedConfigs = Shipped.Models.SelectMany(m => m.Files)
            .Where(f => f.Size > 0 && Path.GetExtension(f.Path) is ".json" or ".txt");
        Assert.All(pinnedConfigs.SelectMany(f => f.Sources.Select(s => (f.Path, Source: s)))
                .Where(x => IsHuggingFaceHost(x.Source)),
            x => Assert.DoesNotContain("/resolve/main/", x.Source, StringComparison.Ordinal));
    }

    [Fact]
    public void TotalSize_IsUnknownWhileAnyFileIsNotPinned()
    {
        static ModelEntry Entry(params long[] sizes) => new("m", "text_generation", "onnx", "m", "MIT", "test",
            sizes.Select((s, i) => new ModelFile($"f{i}", s, s > 0 ? new string('a', 64) : "", ["https://example.org/f"])).ToList());

        Assert.Equal(0, Entry(100, 0).TotalSize);
        Assert.Equal(0, Entry(0, 0).TotalSize);
        Assert.Equal(300, Entry(100, 200).TotalSize);
    }

    private static bool IsHuggingFaceHost(string url) =>
        new Uri(url).Host is "huggingface.co" or "hf-mirror.com";

    private static bool IsRelative(string path) =>
        !string.IsNullOrWhiteSpace(path) && !Path.IsPathRooted(path) && !path.Split('/', '\\').Contains("..");

    [GeneratedRegex("^[0-9a-f]{64}$")]
    private static partial Regex Sha256();
}
