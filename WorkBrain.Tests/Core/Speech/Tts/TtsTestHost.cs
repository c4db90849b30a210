using Microsoft.Extensions.Options;
using WorkBrain.Core.Models;
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

    public static SpeechSynthesizer Synthesizer(TtsOptions options)
    {
        var o = Options.Create(options);
        return new SpeechSynthesizer(o, new EspeakSynthesizer(o), new PiperSynthesizer(o, Options.Create(new ModelsOptions())), new RemoteSpeechSynthesizer(o));
    }

    /// <summary>Only espeak-ng: no Piper voice exists at the configured path.</summary>
    public static SpeechSynthesizer Espeak() => Synthesizer(new TtsOptions { PiperVoices = [Path.Combine(Path.GetTempPath(), "no-voice.onnx")] });
}
