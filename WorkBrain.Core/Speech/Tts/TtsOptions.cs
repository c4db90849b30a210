using System.ComponentModel.DataAnnotations;
using WorkBrain.Core.Models;

namespace WorkBrain.Core.Speech.Tts;

public sealed class TtsOptions
{
    public const string Section = "Tts";

    /// <summary>"auto" (remote when an endpoint is set, else a Piper voice that speaks the text's language, else espeak-ng),
    /// "piper", "espeak" or "remote".</summary>
    [RegularExpression("^(auto|piper|espeak|remote)$", ErrorMessage = "Tts:Backend must be auto, piper, espeak or remote.")]
    public string Backend { get; set; } = "auto";

    /// <summary>Base URL of an OpenAI-compatible server with /audio/speech, e.g. http://127.0.0.1:8880/v1.</summary>
    public string? Endpoint { get; set; }

    public string Model { get; set; } = "tts-1";

    public string Voice { get; set; } = "alloy";

    public string? ApiKey { get; set; }

    /// <summary>Piper voices (.onnx with .onnx.json beside it), under the models directory or absolute; the first that exists
    /// for the text's language is used.</summary>
    public IList<string> PiperVoices { get; set; } = ["piper/zh_CN-huayan-medium.onnx", "piper/en_US-lessac-medium.onnx"];

    public string EspeakPath { get; set; } = "espeak-ng";

    /// <summary>espeak-ng voice for text in Chinese characters.</summary>
    public string ChineseVoice { get; set; } = "cmn-latn-pinyin";

    /// <summary>espeak-ng voice for everything else.</summary>
    public string EnglishVoice { get; set; } = "en-us";

    /// <summary>espeak-ng speed in words per minute.</summary>
    [Range(80, 450)]
    public int WordsPerMinute { get; set; } = 165;

    /// <summary>Longer text is cut at a sentence end before this many characters.</summary>
    [Range(1, 100_000)]
    public int MaxCharacters { get; set; } = 4000;

    [Range(1, 3600)]
    public int TimeoutSeconds { get; set; } = 120;

    public bool HasRemote => !string.IsNullOrWhiteSpace(Endpoint);

    public IEnumerable<string> ResolvePiperVoices(ModelsOptions models) =>
        PiperVoices.Select(v => Path.IsPathRooted(v) ? v : Path.Combine(models.ResolveDirectory(), v));
}
