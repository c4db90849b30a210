using WorkBrain.Core.Engines.Onnx;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using WorkBrain.Core.Speech.Audio;

namespace WorkBrain.Core.Speech.Vad;

/// <summary>Silero VAD v5/v6 in ONNX: 512 new samples at 16 kHz plus 64 samples of context per call, a recurrent state
/// [2,1,128] carried between calls, and the sample rate as an int64 scalar; returns one speech probability per window.</summary>
public sealed class SileroVad : IDisposable
{
    public const int SampleRate = 16000;
    public const int WindowSamples = 512;
    private const int ContextSamples = 64;

    private readonly InferenceSession _session;
    private readonly string _inputName;
    private readonly string _stateName;
    private readonly string _rateName;
    private readonly string _outputName;
    private readonly string _stateOutputName;

    public SileroVad(string modelPath, OnnxSessionFactory? sessions = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(modelPath);
        if (!File.Exists(modelPath))
        {
            throw new FileNotFoundException($"The Silero VAD model {modelPath} is missing.", modelPath);
        }

        // 32 ms windows one after another: a GPU round trip per window would cost more than the window's work.
        _session = (sessions ?? OnnxSessionFactory.Default).Create("silero-vad", modelPath,
            new OnnxSessionSettings { ExecutionProvider = "cpu", IntraOpThreads = 1, InterOpThreads = 1 });
        var inputs = _session.InputMetadata;
        _inputName = inputs.Keys.FirstOrDefault(k => k == "input") ?? inputs.First(i => i.Value.ElementType == typeof(float) && i.Value.Dimensions.Length == 2).Key;
        _stateName = inputs.Keys.FirstOrDefault(k => k == "state") ?? inputs.First(i => i.Value.Dimensions.Length == 3).Key;
        _rateName = inputs.Keys.FirstOrDefault(k => k == "sr") ?? inputs.First(i => i.Value.ElementType == typeof(long)).Key;
        var outputs = _session.OutputMetadata.Keys.ToList();
        _outputName = outputs.FirstOrDefault(k => k == "output") ?? outputs[0];
        _stateOutputName = outputs.FirstOrDefault(k => k == "stateN") ?? outputs[1];
    }

    /// <summary>One probability per 512-sample window (32 ms); the last partial window is zero-padded.</summary>
    public float[] Probabilities(AudioClip clip, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(clip);
        if (clip.SampleRate != SampleRate)
        {
            throw new ArgumentException($"Silero VAD needs {SampleRate} Hz audio, got {clip.SampleRate} Hz.", nameof(clip));
        }

        var windows = (clip.Samples.Length + WindowSamples - 1) / WindowSamples;
        var probabilities = new float[windows];
        var input = new DenseTensor<float>([1, ContextSamples + WindowSamples]);
        var state = new DenseTensor<float>([2, 1, 128]);
        var rate = new DenseTensor<long>(new long[] { SampleRate }, ReadOnlySpan<int>.Empty);
        var buffer = input.Buffer.Span;
        for (var w = 0; w < windows; w++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            buffer[WindowSamples..].CopyTo(buffer[..ContextSamples]);
            var start = w * WindowSamples;
            var count = Math.Min(WindowSamples, clip.Samples.Length - start);
            clip.Samples.AsSpan(start, count).CopyTo(buffer[ContextSamples..]);
            buffer[(ContextSamples + count)..].Clear();

            using var results = _session.Run(
            [
                NamedOnnxValue.CreateFromTensor(_inputName, input),
                NamedOnnxValue.CreateFromTensor(_stateName, state),
                NamedOnnxValue.CreateFromTensor(_rateName, rate),
            ]);
            foreach (var r in results)
            {
                if (r.Name == _outputName)
                {
                    probabilities[w] = r.AsEnumerable<float>().First();
                }
                else if (r.Name == _stateOutputName)
                {
                    r.AsTensor<float>().ToArray().CopyTo(state.Buffer.Span);
                }
            }
        }

        return probabilities;
    }

    public IReadOnlyList<SpeechSegment> Detect(AudioClip clip, VadOptions options, CancellationToken cancellationToken = default) =>
        SpeechSegmenter.Segments(Probabilities(clip, cancellationToken), clip.Samples.Length, WindowSamples, SampleRate, options);

    public void Dispose() => _session.Dispose();
}
