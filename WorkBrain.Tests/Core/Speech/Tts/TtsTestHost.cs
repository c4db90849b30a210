using Microsoft.Extensions.DependencyInjection;
using WorkBrain.Core.Speech.Tts;
using WorkBrain.Tests.Support;

namespace WorkBrain.Tests.Core.Speech.Tts;

internal static class TtsTestHost
{
    public static async Task<string> TinyVoiceAsync(string espeakVoice = "en-us")
    {
        var dir = await TestModels.GenerateAsync("tiny_piper", espeakVoice, "tiny-" + espeakVoice);
        return Path.Combine(dir, $"tiny-{espeakVoice}.onnx");
    }

    /// <summary>The synthesizer production builds from these settings (Tts:… short keys or Engines:TextToSpeech:…).</summary>
    public static SpeechSynthesizer Synthesizer(Dictionary<string, string?> settings) =>
        SpeechHost.Build(settings).GetRequiredService<SpeechSynthesizer>();

    /// <summary>Only espeak-ng: no Piper voice exists at the configured path.</summary>
    public static SpeechSynthesizer Espeak() => Synthesizer(new() { ["Tts:PiperVoices:0"] = Path.Combine(Path.GetTempPath(), "no-voice.onnx") });
}
