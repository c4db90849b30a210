using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Whisper.net;
using Whisper.net.LibraryLoader;
using WorkBrain.Core.Engines.Onnx;
using WorkBrain.Core.Experts;
using WorkBrain.Core.Speech.Audio;

#pragma warning disable MEAI001 // ISpeechToTextClient is experimental in Microsoft.Extensions.AI 10.11

namespace WorkBrain.Core.Speech.WhisperNet;

/// <summary>
/// A whisper.cpp model (<c>ggml-*.bin</c>) run in process by Whisper.net, as an <see cref="ISpeechToTextClient"/>: any audio
/// ffmpeg reads is converted to 16 kHz mono, transcribed segment by segment (streamed as they come), in the language
/// of <see cref="SpeechToTextOptions.SpeechLanguage"/> or detected. One recording is transcribed at a time per model;
/// disposing it while one is transcribed frees the model once that one ends (<see cref="SessionUseGuard"/>), and later
/// calls fail with a message that says to ask again.
/// </summary>
public sealed class WhisperNetSpeechToTextClient : ISpeechToTextClient
{
    private readonly IWhisperModel _model;
    private readonly SessionUseGuard _guard;
    private readonly SemaphoreSlim _lock = new(1, 1);
    private readonly AudioConverter _converter;
    private readonly SpeechToTextClientMetadata _metadata;
    private readonly int _threads;

    internal WhisperNetSpeechToTextClient(IWhisperModel model, string name, string ffmpegPath, int threads)
    {
        _model = model;
        _guard = new SessionUseGuard(name, model.Dispose);
        _converter = new AudioConverter(ffmpegPath);
        _threads = threads;
        Name = name;
        _metadata = new SpeechToTextClientMetadata("workbrain-whisper.net", null, name);
    }

    public string Name { get; }

    /// <summary>The native whisper.cpp runtime (loading it if needed): which library and what the CPU offers.</summary>
    public static string RuntimeInfo
    {
        get
        {
            var info = WhisperFactory.GetRuntimeInfo();
            return $"{RuntimeOptions.LoadedLibrary?.ToString() ?? "unknown"} runtime: {info?.Trim()}";
        }
    }

    /// <summary>Loads a ggml model; a missing or unreadable file fails with a message that says which and why.</summary>
    public static WhisperNetSpeechToTextClient Load(string modelPath, string ffmpegPath = "ffmpeg", int threads = 0)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(modelPath);
        if (!File.Exists(modelPath))
        {
            throw new FileNotFoundException(
                $"The whisper.cpp model {modelPath} does not exist: put a ggml-*.bin there (e.g. models pull whisper-base-ggml).", modelPath);
        }

        WhisperGgmlHeader.Check(modelPath);
        WhisperFactory factory;
        try
        {
            factory = WhisperFactory.FromPath(modelPath);
            try
            {
                // the factory loads lazily: build one processor now so that a bad model fails here, not mid-request
                using var probe = factory.CreateBuilder().Build();
            }
            catch
            {
                factory.Dispose();
                throw;
            }
        }
        catch (Exception ex) when (ex is WhisperModelLoadException or InvalidOperationException or DllNotFoundException or EntryPointNotFoundException)
        {
            throw new InvalidDataException($"whisper.cpp could not load {Path.GetFileName(modelPath)}: {ex.Message} (is it a whisper.cpp ggml-*.bin model, complete and undamaged?)", ex);
        }

        return new WhisperNetSpeechToTextClient(new WhisperFactoryModel(factory), Path.GetFileNameWithoutExtension(modelPath), ffmpegPath, threads);
    }

    public async Task<SpeechToTextResponse> GetTextAsync(Stream audioSpeechStream, SpeechToTextOptions? options = null, CancellationToken cancellationToken = default)
    {
        var segments = new List<SpeechToTextResponseUpdate>();
        await foreach (var update in GetStreamingTextAsync(audioSpeechStream, options, cancellationToken))
        {
            segments.Add(update);
        }

        return new SpeechToTextResponse(string.Join(" ", segments.Select(s => s.Text.Trim()).Where(t => t.Length > 0)))
        {
            ModelId = Name,
            StartTime = segments.FirstOrDefault()?.StartTime,
            EndTime = segments.LastOrDefault()?.EndTime,
        };
    }

    public async IAsyncEnumerable<SpeechToTextResponseUpdate> GetStreamingTextAsync(
        Stream audioSpeechStream, SpeechToTextOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(audioSpeechStream);
        var samples = await DecodeAsync(audioSpeechStream, cancellationToken);
        var responseId = Guid.NewGuid().ToString("N");
        await _lock.WaitAsync(cancellationToken);
        try
        {
            SessionUseGuard.Use use;
            try
            {
                use = _guard.Enter();
            }
            catch (ObjectDisposedException ex)
            {
                throw ModelUnloaded.Error(Name, ex);
            }

            using (use)
            {
                var language = string.IsNullOrWhiteSpace(options?.SpeechLanguage) ? "auto" : options.SpeechLanguage;
                await foreach (var segment in _model.TranscribeAsync(samples, language, _threads, cancellationToken))
                {
                    yield return new SpeechToTextResponseUpdate(segment.Text)
                    {
                        Kind = SpeechToTextResponseUpdateKind.TextUpdated,
                        ResponseId = responseId,
                        ModelId = Name,
                        StartTime = segment.Start,
                        EndTime = segment.End,
                        AdditionalProperties = new() { ["language"] = segment.Language },
                    };
                }
            }
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>Any container and codec ffmpeg reads, as 16 kHz mono samples.</summary>
    private async Task<float[]> DecodeAsync(Stream audio, CancellationToken cancellationToken)
    {
        return await TemporaryAudioFile.UseAsync(
            audio,
            "workbrain-stt",
            async file => (await _converter.LoadAsync(file, AudioConverter.WhisperSampleRate, 0, cancellationToken)).Samples,
            cancellationToken);
    }

    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is not null ? null
            : serviceType == typeof(SpeechToTextClientMetadata) ? _metadata
            : serviceType.IsInstanceOfType(this) ? this
            : null;
    }

    /// <summary>Frees the model once the recording being transcribed is done; later calls fail with a clear message.</summary>
    public async Task DisposeWhenIdleAsync(CancellationToken cancellationToken = default)
    {
        await _lock.WaitAsync(cancellationToken);
        try
        {
            Dispose();
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>Refuses new transcriptions; the model is freed now, or when the running one ends.</summary>
    public void Dispose() => _guard.Dispose();
}
