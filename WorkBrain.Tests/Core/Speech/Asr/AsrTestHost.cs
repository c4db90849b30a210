using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using WorkBrain.Core.Models;
using WorkBrain.Core.Speech.Asr;
using WorkBrain.Tests.Support;

namespace WorkBrain.Tests.Core.Speech.Asr;

internal static class AsrTestHost
{
    /// <summary>A local transcriber on the tiny generated Whisper (MODE as in tiny_whisper.py) and the real Silero VAD.</summary>
    public static async Task<WhisperTranscriber> TinyAsync(string mode, int maxNewTokens = 20, bool timestamps = true)
    {
        var options = new AsrOptions
        {
            LocalModel = await TestModels.GenerateAsync("tiny_whisper", mode),
            VadModel = TestModels.RequireRealModel("vad/silero_vad.onnx"),
            MaxNewTokens = maxNewTokens,
            Timestamps = timestamps,
            Threads = 1,
        };
        return new WhisperTranscriber(Options.Create(options), Options.Create(new ModelsOptions()), NullLogger<WhisperTranscriber>.Instance);
    }
}
