using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace WorkBrain.Core.ImageGeneration;

/// <summary>Builds inputs in whatever element type a graph declares (float, float16, double, int32, int64) and reads outputs back as floats.</summary>
internal static class OnnxTensors
{
    public static NamedOnnxValue Create(string name, NodeMetadata meta, ReadOnlySpan<float> data, int[] dims)
    {
        var type = meta.ElementDataType;
        switch (type)
        {
            case TensorElementType.Float:
                return NamedOnnxValue.CreateFromTensor(name, new DenseTensor<float>(data.ToArray(), dims));
            case TensorElementType.Float16:
                {
                    var values = new Float16[data.Length];
                    for (var i = 0; i < data.Length; i++)
                    {
                        values[i] = new Float16(BitConverter.HalfToUInt16Bits((Half)data[i]));
                    }

                    return NamedOnnxValue.CreateFromTensor(name, new DenseTensor<Float16>(values, dims));
                }

            case TensorElementType.Double:
                return NamedOnnxValue.CreateFromTensor(name, new DenseTensor<double>(data.ToArray().Select(v => (double)v).ToArray(), dims));
            case TensorElementType.Int64:
                return NamedOnnxValue.CreateFromTensor(name, new DenseTensor<long>(data.ToArray().Select(v => (long)Math.Round(v)).ToArray(), dims));
            case TensorElementType.Int32:
                return NamedOnnxValue.CreateFromTensor(name, new DenseTensor<int>(data.ToArray().Select(v => (int)Math.Round(v)).ToArray(), dims));
            default:
                throw new NotSupportedException($"Input {name} has element type {type}, which the pipeline does not support.");
        }
    }

    public static NamedOnnxValue CreateIds(string name, NodeMetadata meta, int[] ids, int[] dims) => meta.ElementDataType switch
    {
        TensorElementType.Int64 => NamedOnnxValue.CreateFromTensor(name, new DenseTensor<long>(ids.Select(i => (long)i).ToArray(), dims)),
        TensorElementType.Int32 => NamedOnnxValue.CreateFromTensor(name, new DenseTensor<int>(ids, dims)),
        var t => throw new NotSupportedException($"Input {name} has element type {t}; token ids must be int32 or int64."),
    };

    public static float[] ReadFloats(DisposableNamedOnnxValue value)
    {
        return value.Value switch
        {
            DenseTensor<float> f => f.Buffer.ToArray(),
            Tensor<float> f => f.ToArray(),
            Tensor<Float16> h => h.ToArray().Select(x => (float)BitConverter.UInt16BitsToHalf(x.value)).ToArray(),
            Tensor<double> d => d.ToArray().Select(x => (float)x).ToArray(),
            var other => throw new NotSupportedException($"Output {value.Name} is a {other?.GetType().Name}; a float tensor was expected."),
        };
    }
}
