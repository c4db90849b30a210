using System.Collections;
using System.Globalization;
using System.Resources;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using WorkBrain.Tests.Support;
using WorkBrain.Web.Localization;

namespace WorkBrain.Tests.Web.Localization;

/// <summary>Texts written in English by WorkBrain.Core (progress, failures, status details) read in the chosen language.</summary>
public sealed class CoreTextTests : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddLogging().AddLocalization().BuildServiceProvider();
    private readonly CultureInfo _culture = CultureInfo.CurrentUICulture;

    private IStringLocalizer<Strings> L => _services.GetRequiredService<IStringLocalizer<Strings>>();

    public void Dispose()
    {
        CultureInfo.CurrentUICulture = _culture;
        _services.Dispose();
    }

    [Theory]
    [InlineData("step 2/4", "第 2/4 步")]
    [InlineData("Reading 发票.png", "正在识别 发票.png")]
    [InlineData("Looking at the frame at 00:02", "正在查看 00:02 处的画面")]
    [InlineData("No speech was found in the recording.", "录音中没有听到说话声。")]
    [InlineData("The image cat.png is too large (31.5 MB); the limit is 30.0 MB.", "图片 cat.png 太大（31.5 MB），上限为 30.0 MB。")]
    [InlineData("local ONNX", "本地 ONNX")]
    [InlineData("qwen2.5-0.5b-instruct is not downloaded; run: dotnet run --project WorkBrain.Web -- models pull qwen2.5-0.5b-instruct",
        "qwen2.5-0.5b-instruct 还没有下载；请运行：dotnet run --project WorkBrain.Web -- models pull qwen2.5-0.5b-instruct")]
    [InlineData("built-in BM25 + no embeddings (BM25 only)", "内置 BM25 + 无向量（仅 BM25）")]
    [InlineData("Keyframes at scene changes with OCR and classification; speech not transcribed (no speech recogniser available).",
        "在场景切换处提取关键帧，做文字识别和图像分类；语音不会被转写（没有可用的语音识别）。")]
    public void Core_Chinese_Translated(string english, string chinese)
    {
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(UiCultures.Chinese);

        Assert.Equal(chinese, L.Core(english));
    }

    [Fact]
    public void Core_NestedReason_TranslatedInside()
    {
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(UiCultures.Chinese);

        var text = L.Core("Speech recognition is not available: No Whisper model in /m/whisper-base: put encoder_model.onnx, decoder_model.onnx " +
                          "(decoder_with_past_model.onnx too, for speed) and tokenizer.json of an ONNX export (e.g. onnx-community/whisper-base) there, " +
                          "or set Asr:Endpoint to a /v1/audio/transcriptions server.");

        Assert.StartsWith("语音识别不可用：/m/whisper-base 中没有 Whisper 模型：", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("step 2/4")]
    [InlineData("The image cat.png is too large (31.5 MB); the limit is 30.0 MB.")]
    [InlineData("Something Core says that no template knows.")]
    public void Core_EnglishOrUnknown_Unchanged(string text)
    {
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en");
        Assert.Equal(text, L.Core(text));

        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(UiCultures.Chinese);
        if (text.StartsWith("Something", StringComparison.Ordinal))
        {
            Assert.Equal(text, L.Core(text));
        }
    }

    /// <summary>Every template still matches what Core writes: each fixed piece of its English text is in Core's source.</summary>
    [Fact]
    public void Templates_EachPieceIsStillWrittenByCore()
    {
        var source = string.Concat(Directory.EnumerateFiles(Path.Combine(TestModels.RepositoryRoot, "WorkBrain.Core"), "*.cs", SearchOption.AllDirectories)
            .Select(File.ReadAllText)).Replace("\\\"", "\"", StringComparison.Ordinal);
        source = Regex.Replace(source, "\"\\s*\\+\\s*\\$?\"", ""); // "a " + "b" is "a b"
        var set = new ResourceManager(typeof(Strings)).GetResourceSet(CultureInfo.InvariantCulture, true, true)!;
        var stale = new List<string>();
        foreach (DictionaryEntry entry in set)
        {
            if (entry.Key is string key && key.StartsWith("Core.", StringComparison.Ordinal))
            {
                stale.AddRange(Regex.Split((string)entry.Value!, @"\{\d\}")
                    .Where(piece => piece.Trim().Length >= 4 && !source.Contains(piece, StringComparison.Ordinal)
                        && !Regex.Split(piece, "[().,;:]").Select(c => c.Trim()).Where(c => c.Length >= 6).All(c => source.Contains(c, StringComparison.Ordinal)))
                    .Select(piece => $"{key}: \"{piece}\""));
            }
        }

        Assert.True(stale.Count == 0, "Core no longer writes: " + string.Join(" | ", stale));
    }
}
