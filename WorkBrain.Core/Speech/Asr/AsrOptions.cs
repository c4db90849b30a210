using System.ComponentModel.DataAnnotations;
using WorkBrain.Core.Models;
using WorkBrain.Core.Speech.Vad;

namespace WorkBrain.Core.Speech.Asr;

public sealed class AsrOptions
{
    public const string Section = "Asr";

    /// <summary>"auto" (remote when an endpoint is set, else the local Whisper), "local" or "remote".</summary>
    [RegularExpression("^(auto|local|remote)$", ErrorMessage = "Asr:Backend must be auto, local or remote.")]
    public string Backend { get; set; } = "auto";

    /// <summary>Base URL of an OpenAI-compatible server with /audio/transcriptions, e.g. http://127.0.0.1:8000/v1.</summary>
    public string? Endpoint { get; set; }

    /// <summary>Model name on that server.</summary>
    public string Model { get; set; } = "whisper-1";

    public string? ApiKey { get; set; }

    /// <summary>Folder of the local Whisper ONNX export, under the models directory or absolute.</summary>
    public string LocalModel { get; set; } = "whisper-base";

    /// <summary>Silero VAD model, under the models directory or absolute; without it audio is cut every 30 s.</summary>
    public string VadModel { get; set; } = "vad/silero_vad.onnx";

    /// <summary>Language code to force ("zh", "en"); empty detects it per recording.</summary>
    public string? Language { get; set; }

    public bool Timestamps { get; set; } = true;

    [Range(1, 440)]
    public int MaxNewTokens { get; set; } = 224;

    /// <summary>Longer recordings are refused.</summary>
    [Range(1, 36000)]
    public double MaxAudioSeconds { get; set; } = 1800;

    [Range(1, 3600)]
    public int TimeoutSeconds { get; set; } = 300;

    public string FfmpegPath { get; set; } = "ffmpeg";

    /// <summary>Intra-op threads for ONNX Runtime; 0 lets it choose.</summary>
    [Range(0, 256)]
    public int Threads { get; set; }

    public VadOptions Vad { get; set; } = new();

    public bool HasRemote => !string.IsNullOrWhiteSpace(Endpoint);

    public string ResolveLocalModel(ModelsOptions models) => Resolve(models, LocalModel);

    public string ResolveVadModel(ModelsOptions models) => Resolve(models, VadModel);

    private static string Resolve(ModelsOptions models, string path) =>
        Path.IsPathRooted(path) ? path : Path.Combine(models.ResolveDirectory(), path);
}
