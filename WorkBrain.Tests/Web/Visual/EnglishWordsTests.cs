using System.Collections;
using System.Globalization;
using System.Resources;
using WorkBrain.Web.Localization;

namespace WorkBrain.Tests.Web.Visual;

/// <summary>The visual suite's net for English text on a Chinese page: it catches a sentence, not a product's name.</summary>
public sealed class EnglishWordsTests
{
    [Theory]
    [InlineData("The model server could not be reached.")]
    [InlineData("视频理解 failed to answer")]
    [InlineData("New chat")]
    [InlineData("No speech recognition server configured: set Asr:Endpoint.")]
    public void EnglishWords_Sentence_Caught(string text) => Assert.NotEmpty(VisualBrowserTests.EnglishWords(text));

    [Theory]
    [InlineData("可以连接一个兼容 OpenAI 的服务（TextGeneration:Endpoint），或使用本地模型文件。")]
    [InlineData("sd-turbo 尚未下载")]
    [InlineData("ONNX Runtime · CPU")]
    [InlineData("WorkBrain")]
    [InlineData("image_generation 0.98")]
    [InlineData("请把 encoder_model.onnx 和 tokenizer.json 放到这里")]
    [InlineData("还没有下载（缺少 model_index.json, scheduler/scheduler_config.json, tokenizer/vocab.json）")]
    [InlineData("还没有找到：可以把模型文件复制到这里，或者运行 models pull。")]
    [InlineData("sd-turbo 还没有下载；请运行：dotnet run --project WorkBrain.Web -- models pull sd-turbo")]
    [InlineData("/usr/local/bin 中没有安装 ffmpeg：请安装 Debian 软件包 ffmpeg（apt-get install ffmpeg），或设置 VideoUnderstanding:FfmpegFolder。")]
    [InlineData("还没有下载（缺少 unet/model.onnx）：请运行 `dotnet run --project WorkBrain.Web -- models pull sd-turbo`。")]
    public void EnglishWords_NamesAndKeys_NotCaught(string text) => Assert.Empty(VisualBrowserTests.EnglishWords(text));

    [Theory]
    [InlineData("Base URL", true)]
    [InlineData("Sign out", true)]
    [InlineData("URL", false)]
    [InlineData("{0} · WorkBrain", false)]
    [InlineData("ONNX Runtime · CPU", false)]
    public void HasEnglishWord_WordsNotNames(string text, bool expected) => Assert.Equal(expected, VisualBrowserTests.HasEnglishWord(text));

    /// <summary>A Chinese entry may repeat the English one only when it is nothing but names ("WorkBrain", "CPU"): an
    /// entry left in English ("Base URL") would show English on every Chinese page that uses it.</summary>
    [Fact]
    public void ChineseTable_LeavesOnlyNamesInEnglish()
    {
        var resources = new ResourceManager(typeof(Strings));
        var zh = CultureInfo.GetCultureInfo(UiCultures.Chinese);
        var english = resources.GetResourceSet(CultureInfo.InvariantCulture, createIfNotExists: true, tryParents: true)!;

        var untranslated = english.Cast<DictionaryEntry>()
            .Where(e => (string)e.Value! == resources.GetString((string)e.Key, zh) && VisualBrowserTests.HasEnglishWord((string)e.Value!))
            .Select(e => $"{e.Key}: {e.Value}")
            .ToList();

        Assert.True(untranslated.Count == 0, "Left in English in Strings.zh-Hans.resx: " + string.Join(" | ", untranslated));
    }
}
