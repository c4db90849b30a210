using System.ComponentModel.DataAnnotations;

namespace WorkBrain.Core.Speech.WhisperNet;

/// <summary>A whisper.cpp model run by Whisper.net: <c>Engines:SpeechToText:{Name}</c> with <c>Type</c> "whispernet".</summary>
public sealed class WhisperNetEngineOptions
{
    /// <summary>The ggml-*.bin file, absolute or under the models folder; when empty, the file of <see cref="ModelName"/>.</summary>
    public string? Path { get; set; }

    /// <summary>A models.json entry of format whisper-ggml (e.g. whisper-base-ggml), used when <see cref="Path"/> is empty.</summary>
    public string? ModelName { get; set; }

    /// <summary>CPU threads per recording; 0 lets whisper.cpp choose.</summary>
    [Range(0, 256)]
    public int Threads { get; set; }

    public string FfmpegPath { get; set; } = "ffmpeg";
}
