using WorkBrain.Core.Engines.Onnx;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WorkBrain.Core.Experts;
using WorkBrain.Core.Models;
using WorkBrain.Core.Speech.Audio;
using WorkBrain.Core.Speech.Vad;
using WorkBrain.Core.Speech.Whisper;

namespace WorkBrain.Core.Speech.Asr;

/// <summary>Local speech recognition: ffmpeg → 16 kHz mono, Silero VAD drops silence and cuts ≤30 s chunks at pauses,
/// each chunk → log-mel → Whisper encoder → greedy decoding with language detection and timestamps.
/// Models load on first use and stay loaded; one recording is decoded at a time.</summary>
internal sealed partial class WhisperTranscriber(IOptions<AsrOptions> options, IOptions<ModelsOptions> models, ILogger<WhisperTranscriber> logger, OnnxSessionFactory? sessions = null)
    : ISpeechTranscriber, IDisposable
{
    private readonly SemaphoreSlim _lock = new(1, 1);
    private WhisperOnnxModel? _model;
    private SileroVad? _vad;
    private LogMel? _logMel;

    public string ModelDirectory => options.Value.ResolveLocalModel(models.Value);

    public ExpertStatus GetStatus()
    {
        var dir = ModelDirectory;
        var name = Path.GetFileName(dir.TrimEnd('/'));
        if (WhisperOnnxModel.FindOnnxFolder(dir) is null ||
            !(File.Exists(Path.Combine(dir, "tokenizer.json")) || File.Exists(Path.Combine(dir, "vocab.json"))))
        {
            return new ExpertStatus(ExpertIds.Asr, ExpertState.NotDownloaded, "local ONNX", "CPU",
                $"No Whisper model in {dir}: put encoder_model.onnx, decoder_model.onnx (decoder_with_past_model.onnx too, for speed) and tokenizer.json of an ONNX export " +
                "(e.g. onnx-community/whisper-base) there, or set Asr:Endpoint to a /v1/audio/transcriptions server.", name);
        }

        return new ExpertStatus(ExpertIds.Asr, ExpertState.Ready, "local ONNX", _model?.Device ?? "",
            File.Exists(options.Value.ResolveVadModel(models.Value)) ? "Whisper with Silero VAD" : "Whisper (no VAD model: fixed 30 s windows)", name);
    }

    public async Task<Transcript> TranscribeAsync(string audioPath, string? language = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(audioPath);
        var o = options.Value;
        var clip = await new AudioConverter(o.FfmpegPath).LoadAsync(audioPath, AudioConverter.WhisperSampleRate, o.MaxAudioSeconds, cancellationToken).ConfigureAwait(false);
        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await Task.Run(() => Transcribe(clip, language ?? NullIfEmpty(o.Language), o, cancellationToken), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _lock.Release();
        }
    }

    private Transcript Transcribe(AudioClip clip, string? language, AsrOptions o, CancellationToken cancellationToken)
    {
        var model = EnsureModel(o);
        var chunks = Chunk(clip, o, cancellationToken);
        LogChunks(logger, clip.DurationSeconds, chunks.Count);
        if (chunks.Count == 0)
        {
            return new Transcript("", language ?? "", []);
        }

        _logMel ??= new LogMel(model.MelBins);
        var segments = new List<TranscriptSegment>();
        string? detected = language;
        foreach (var chunk in chunks)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var features = _logMel.Compute(clip.Samples.AsSpan(chunk.Start, chunk.Length));
            var hidden = model.Encode(features);
            var window = WhisperDecoder.Decode(model, hidden, detected, o.Timestamps, o.MaxNewTokens, cancellationToken);
            detected ??= window.Language;
            var offset = chunk.StartSeconds(clip.SampleRate);
            var length = chunk.EndSeconds(clip.SampleRate) - offset;
            segments.AddRange(o.Timestamps
                ? WhisperDecoder.Segments(model.Tokenizer, window.Tokens, offset, length)
                : [new TranscriptSegment(offset, offset + length, model.Tokenizer.Decode(window.Tokens).Trim())]);
        }

        segments.RemoveAll(s => s.Text.Length == 0);
        var text = string.Join(JoinerFor(detected), segments.Select(s => s.Text));
        return new Transcript(text, detected ?? "", segments);
    }

    private List<SpeechSegment> Chunk(AudioClip clip, AsrOptions o, CancellationToken cancellationToken)
    {
        var max = (int)(Math.Min(o.Vad.MaxChunkSeconds, 30) * clip.SampleRate);
        var vadPath = o.ResolveVadModel(models.Value);
        if (!File.Exists(vadPath))
        {
            var fixedChunks = new List<SpeechSegment>();
            for (var start = 0; start < clip.Samples.Length; start += max)
            {
                fixedChunks.Add(new SpeechSegment(start, Math.Min(clip.Samples.Length, start + max)));
            }

            return fixedChunks;
        }

        _vad ??= new SileroVad(vadPath, sessions);
        var probabilities = _vad.Probabilities(clip, cancellationToken);
        var segments = SpeechSegmenter.Segments(probabilities, clip.Samples.Length, SileroVad.WindowSamples, clip.SampleRate, o.Vad);
        return SpeechSegmenter.Chunks(segments, probabilities, SileroVad.WindowSamples, max).ToList();
    }

    private WhisperOnnxModel EnsureModel(AsrOptions o)
    {
        if (_model is not null)
        {
            return _model;
        }

        var dir = ModelDirectory;
        try
        {
            _model = WhisperOnnxModel.Load(dir, o.Threads, sessions: sessions);
        }
        catch (Exception e) when (e is FileNotFoundException or InvalidDataException or System.Text.Json.JsonException or Microsoft.ML.OnnxRuntime.OnnxRuntimeException)
        {
            throw new ExpertException($"The Whisper model in {dir} could not be loaded: {e.Message}", e);
        }

        LogLoaded(logger, dir, _model.MelBins);
        return _model;
    }

    public bool IsLoaded => _model is not null;

    /// <summary>Loads the Whisper model now (the VAD loads with the first recording).</summary>
    public async Task LoadAsync(CancellationToken cancellationToken = default)
    {
        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await Task.Run(() => EnsureModel(options.Value), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>Frees the models once the recording being decoded is done; the next recording loads them again.</summary>
    public async Task UnloadAsync(CancellationToken cancellationToken = default)
    {
        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _model?.Dispose();
            _vad?.Dispose();
            (_model, _vad) = (null, null);
        }
        finally
        {
            _lock.Release();
        }
    }

    internal static string JoinerFor(string? language) => language is "zh" or "ja" or "yue" ? "" : " ";

    private static string? NullIfEmpty(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    public void Dispose()
    {
        _model?.Dispose();
        _vad?.Dispose();
        _lock.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Loaded Whisper from {Directory} ({MelBins} mel bins)")]
    private static partial void LogLoaded(ILogger logger, string directory, int melBins);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Audio of {Seconds:0.0} s became {Chunks} speech chunks")]
    private static partial void LogChunks(ILogger logger, double seconds, int chunks);
}
