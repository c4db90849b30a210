using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WorkBrain.Core.Engines;
using WorkBrain.Core.Engines.Onnx;
using WorkBrain.Core.Experts;
using WorkBrain.Core.Models;

#pragma warning disable MEAI001 // ITextToSpeechClient is experimental in Microsoft.Extensions.AI 10.x

namespace WorkBrain.Core.Speech.Tts;

/// <summary>Engine type "piper": the Piper voices at <c>PiperVoices</c> (models.json entries of format piper, or any
/// VOICE.onnx with its VOICE.onnx.json), loaded together on first use or from /admin, pulled first where
/// Models:PullOnFirstUse allows. espeak-ng speaks the languages no voice does, and everything while no voice is
/// downloaded, unless <c>Backend</c> is "piper".</summary>
internal sealed partial class PiperEngine(
    EngineDefinition definition,
    TtsOptions options,
    ModelCatalog catalog,
    IOptions<ModelsOptions> models,
    ILogger<PiperEngine> logger,
    OnnxSessionFactory? sessions = null)
    : LocalEngine<ITextToSpeechClient, SynthesizerSpeechClient>(definition, catalog, models, logger)
{
    private readonly EspeakSynthesizer _espeak = new(Options.Create(options));

    private bool Fallback => options.Backend != PiperEngineFactory.TypeName;

    /// <summary>Each configured voice's file and the manifest entry that downloads it, if any.</summary>
    private List<(string Path, string Name, ModelEntry? Entry)> Voices =>
        options.ResolvePiperVoices(Models.Value).Select(p => (p, EntryOf(p)) switch
        {
            (var path, { } entry) => (path, entry.Name, (ModelEntry?)entry),
            (var path, null) => (path, Path.GetFileNameWithoutExtension(path), null),
        }).ToList();

    public override IReadOnlyList<string> ModelNames => Voices.Select(v => v.Name).ToList();

    /// <summary>The first voice that is downloaded, else the first configured; "espeak-ng" while espeak-ng speaks for
    /// want of a voice (so /admin shows that row, not one for a voice that is not there).</summary>
    public override string ModelName =>
        Loaded?.Synthesizer is PiperSynthesizer { Voices.Count: 0 } || (Loaded is null && SpeaksWithEspeakOnly) ? EspeakEngine.Name : First?.Name ?? "piper";

    private bool SpeaksWithEspeakOnly => Fallback && !Voices.Any(v => Present(v.Path)) && _espeak.GetStatus().IsAvailable;

    public override string? ManifestEntry => First?.Entry?.Name;

    private (string Path, string Name, ModelEntry? Entry)? First
    {
        get
        {
            var voices = Voices;
            foreach (var voice in voices)
            {
                if (Present(voice.Path))
                {
                    return voice;
                }
            }

            return voices.Count > 0 ? voices[0] : null;
        }
    }

    protected override string Backend => ModelName == EspeakEngine.Name ? EspeakEngine.Name : "Piper ONNX";

    protected override string RequestedDevice => OnnxSessionFactory.GpuBuild ? OnnxSessionFactory.Cuda : OnnxSessionFactory.Cpu;

    protected override ExpertStatus LoadedStatus(SynthesizerSpeechClient loaded)
    {
        var status = loaded.Synthesizer.GetStatus();
        return Status(ExpertState.Ready, status.Device, status.Detail);
    }

    protected override ExpertStatus IdleStatus()
    {
        var voices = Voices;
        var present = voices.Where(v => Present(v.Path)).Select(v => v.Name).ToList();
        if (present.Count > 0)
        {
            var names = string.Join(", ", present);
            return Status(ExpertState.Ready, RequestedDevice, Fallback ? $"{names}: loads on first use; espeak-ng for other languages" : $"{names}: loads on first use");
        }

        var pull = voices.Where(v => v.Entry is not null).Select(v => $"models pull {v.Name}").ToList();
        var how = pull.Count > 0
            ? $"run: dotnet run --project WorkBrain.Web -- {string.Join(" / ", pull)}{(Models.Value.PullOnFirstUse ? ", or let them download on first use" : "")}"
            : $"put VOICE.onnx and VOICE.onnx.json at one of {string.Join(", ", options.PiperVoices)} under the models folder (Tts:PiperVoices)";
        if (SpeaksWithEspeakOnly)
        {
            return Status(ExpertState.Ready, "CPU", $"No Piper voice is downloaded ({how}); espeak-ng speaks meanwhile.");
        }

        return voices.FirstOrDefault(v => v.Entry is not null) is { Entry: not null } first
            ? ManifestStatus(first.Name, $"{Definition.Settings.Path}:PiperVoices")
            : Status(ExpertState.NotDownloaded, "", $"No Piper voice found: {how}, or set Tts:Endpoint to a /v1/audio/speech server.");
    }

    protected override async Task<Func<SynthesizerSpeechClient>?> PrepareAsync(CancellationToken cancellationToken)
    {
        var paths = new List<string>();
        foreach (var (path, name, entry) in Voices)
        {
            if (!Present(path) && entry is not null)
            {
                try
                {
                    await ManifestFolderAsync(name, cancellationToken).ConfigureAwait(false);
                }
                catch (ExpertException ex) when (Fallback)
                {
                    LogPullFailed(Logger, name, ex.Message);
                }
            }

            if (Present(path))
            {
                paths.Add(path);
            }
        }

        var fallback = Fallback && _espeak.GetStatus().IsAvailable ? _espeak : null;
        if (paths.Count == 0 && fallback is null)
        {
            return null;
        }

        return () => new SynthesizerSpeechClient(PiperSynthesizer.Load(paths, options.EspeakPath, fallback, sessions), Definition.Type);
    }

    private static bool Present(string path) => File.Exists(path) && File.Exists(path + ".json");

    private ModelEntry? EntryOf(string path)
    {
        var full = Path.GetFullPath(path);
        return Catalog.Manifest.Models.FirstOrDefault(e => e.Format == "piper"
            && e.Files.Any(f => string.Equals(Path.GetFullPath(Path.Combine(Catalog.DirectoryOf(e), f.Path)), full, StringComparison.Ordinal)));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The Piper voice {Voice} could not be downloaded; espeak-ng speaks its language: {Reason}")]
    private static partial void LogPullFailed(ILogger logger, string voice, string reason);
}

/// <summary>Type "piper": <see cref="PiperEngine"/> from <see cref="TtsOptions"/>.</summary>
internal sealed class PiperEngineFactory() : LocalEngineFactory<PiperEngine, TtsOptions>(EngineCapability.TextToSpeech, TypeName)
{
    public const string TypeName = "piper";
}
