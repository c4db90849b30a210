using System.Runtime.InteropServices;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace WorkBrain.Core.Text.Local;

/// <summary>
/// Output buffers the decoder writes into instead of ONNX Runtime allocating logits and present.* on every step
/// (<see cref="LocalEngineOptions.BindOutputs"/>), as GenAI binds outputs it allocated itself. Each present.* tensor has
/// two buffers that take turns: a step reads the past from one and writes the present into the other, which is the next
/// step's past, so the cache is never copied and, once a buffer is large enough, never allocated again. A graph whose
/// present.* comes out of a Concat writes straight into them (ONNX Runtime copies into a caller's buffer only when it
/// cannot).
/// </summary>
/// <remarks>
/// The first <c>tokens</c> positions of [1, kv heads, tokens, head size] are a prefix of the buffer, so one buffer serves
/// every length up to its capacity; a buffer grows by half again plus 64 tokens (never past the model's positions), so a
/// long generation reallocates a logarithmic number of times. The buffers are native memory, each view starting on a
/// 64-byte line, freed when outgrown and when the generation ends: pinned managed arrays made every generation a few MB
/// of pinned-heap garbage (17.9 KB per decoded token in the genai benchmark, collected only by gen-2 collections).
/// </remarks>
internal sealed class BoundOutputs : IDisposable
{
    private const int Alignment = 64;

    private readonly OnnxDecoderModel _model;
    private readonly OrtValue[] _outputs;
    private readonly Buffer[,] _cache;
    private readonly long _tokenBytes;
    private readonly long _logitsRowBytes;
    private Buffer _logits;
    private OrtValue? _oneLogits;
    private int _writeSlot;

    public BoundOutputs(OnnxDecoderModel model)
    {
        _model = model;
        _outputs = new OrtValue[model.OutputNames.Length];
        _cache = new Buffer[model.Layers * 2, 2];
        _tokenBytes = (long)model.KvHeads * model.HeadDim * ElementSize(model.KvElementType);
        _logitsRowBytes = (long)model.VocabSize * ElementSize(model.LogitsElementType);
    }

    /// <summary>The outputs of a step of <paramref name="n"/> new tokens that leaves <paramref name="total"/> in the
    /// cache, in the order of <see cref="OnnxDecoderModel.OutputNames"/>: logits, then present.*. The present.* values
    /// are the caller's to keep (the next step's past) and to dispose before the step after next; the logits value goes
    /// back through <see cref="Release"/>.</summary>
    public OrtValue[] For(int n, int total)
    {
        _outputs[0] = Logits(n);
        long[] shape = [1, _model.KvHeads, total, _model.HeadDim];
        var bytes = total * _tokenBytes;
        for (var i = 0; i < _cache.GetLength(0); i++)
        {
            ref var buffer = ref _cache[i, _writeSlot];
            if (buffer.Bytes < bytes)
            {
                var tokens = Math.Max(total, Math.Min(_model.Config.MaxPositions, (buffer.Bytes / _tokenBytes * 3 / 2) + 64));
                buffer.Free();
                buffer = Buffer.Allocate(tokens * _tokenBytes);
            }

            _outputs[i + 1] = OrtValue.CreateTensorValueWithData(OrtMemoryInfo.DefaultInstance, _model.KvElementType, shape, buffer.Address, bytes);
        }

        _writeSlot ^= 1;
        return _outputs;
    }

    /// <summary>Disposes a multi-token step's logits value (the one-token value serves every decode step).</summary>
    public void Release(OrtValue logits)
    {
        if (!ReferenceEquals(logits, _oneLogits))
        {
            logits.Dispose();
        }
    }

    private OrtValue Logits(int n)
    {
        if (n == 1 && _oneLogits is not null)
        {
            return _oneLogits;
        }

        var bytes = n * _logitsRowBytes;
        if (_logits.Bytes < bytes)
        {
            _oneLogits?.Dispose();
            _oneLogits = null;
            _logits.Free();
            _logits = Buffer.Allocate(bytes);
        }

        var value = OrtValue.CreateTensorValueWithData(OrtMemoryInfo.DefaultInstance, _model.LogitsElementType, [1, n, _model.VocabSize], _logits.Address, bytes);
        if (n == 1)
        {
            _oneLogits = value;
        }

        return value;
    }

    /// <summary>Whether the model's logits and cache have element types whose size this knows (float, half, bfloat16, double).</summary>
    public static bool Supports(OnnxDecoderModel model) => ElementSize(model.KvElementType) > 0 && ElementSize(model.LogitsElementType) > 0;

    private static int ElementSize(TensorElementType type) => type switch
    {
        TensorElementType.Float16 or TensorElementType.BFloat16 => 2,
        TensorElementType.Float => 4,
        TensorElementType.Double => 8,
        _ => 0,
    };

    /// <summary>Frees the buffers; the values handed out must be disposed before.</summary>
    public void Dispose()
    {
        _oneLogits?.Dispose();
        _oneLogits = null;
        _logits.Free();
        _logits = default;
        for (var i = 0; i < _cache.GetLength(0); i++)
        {
            _cache[i, 0].Free();
            _cache[i, 1].Free();
            _cache[i, 0] = default;
            _cache[i, 1] = default;
        }
    }

    private readonly record struct Buffer(nint Start, nint Address, long Bytes)
    {
        public static Buffer Allocate(long bytes)
        {
            var start = Marshal.AllocHGlobal(checked((nint)(bytes + Alignment)));
            var aligned = (start + (Alignment - 1)) & ~(nint)(Alignment - 1);
            return new Buffer(start, aligned, bytes);
        }

        public void Free()
        {
            if (Start != 0)
            {
                Marshal.FreeHGlobal(Start);
            }
        }
    }
}
