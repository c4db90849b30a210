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

    [Fact]
    public void CoreForUser_ServerAnswer_UserReadsTheSentence_AdminAlsoTheRawDetail()
    {
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(UiCultures.Chinese);
        const string text = "The image server answered 500: {\"detail\": \"CUDA out of memory at /opt/sd\"}";

        Assert.Equal("图像服务返回了错误（500）。", L.CoreForUser(text));
        Assert.Equal("图像服务返回了错误（500）：{\"detail\": \"CUDA out of memory at /opt/sd\"}", L.Core(text));
    }

    [Theory]
    [InlineData("ffmpeg could not process clip.mp4 (corrupt or unsupported video): moov atom not found", "无法处理视频 clip.mp4：文件已损坏或格式不支持。")]
    [InlineData("The answer failed; an admin can see why on /admin.", "回答失败了。")]
    [InlineData("Too many requests: the per-user limit is reached; try again in 12 s.", "请求太频繁，已达到每位用户的上限；请 12 秒后再试。")]
    [InlineData("photo.heic is too large for image: the limit is 20 MB.", "“photo.heic”作为图片太大了：上限是 20 MB。")]
    [InlineData("The document has more than 500,000 rows, more than this server reads from one document.", "这个文档超过了 500,000 行，超出了本服务器对单个文档的读取上限。")]
    [InlineData("Microphone access was denied. Allow the microphone for this site and try again.", "麦克风权限被拒绝。请允许本网站使用麦克风后重试。")]
    public void CoreForUser_Chinese(string english, string chinese)
    {
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(UiCultures.Chinese);

        Assert.Equal(chinese, L.CoreForUser(english));
    }

    [Fact]
    public void CoreForUser_NoTemplate_NothingInChinese_AsWrittenInEnglish()
    {
        const string text = "Something a remote server said that no template knows.";

        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(UiCultures.Chinese);
        Assert.Null(L.CoreForUser(text));
        Assert.Equal(text, L.Core(text));

        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en");
        Assert.Equal(text, L.CoreForUser(text));
        Assert.Equal("The image server answered with an error (502).", L.CoreForUser("The image server answered 502: Bad Gateway"));
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

    /// <summary>Every template still matches what Core (or the web app's conversation, upload and recorder code) writes:
    /// each fixed piece of its English text is in that source.</summary>
    [Fact]
    public void Templates_EachPieceIsStillWrittenByCore()
    {
        var root = TestModels.RepositoryRoot;
        var files = Directory.EnumerateFiles(Path.Combine(root, "WorkBrain.Core"), "*.cs", SearchOption.AllDirectories)
            .Concat(new[] { "Conversations", "Uploads", "RateLimiting" }.SelectMany(d => Directory.EnumerateFiles(Path.Combine(root, "WorkBrain.Web", d), "*.cs", SearchOption.AllDirectories)))
            .Concat(Directory.EnumerateFiles(Path.Combine(root, "wwwroot-assets"), "*.js"));
        var source = string.Concat(files.Select(File.ReadAllText)).Replace("\\\"", "\"", StringComparison.Ordinal);
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
