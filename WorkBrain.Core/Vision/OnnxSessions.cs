using Microsoft.ML.OnnxRuntime;
using WorkBrain.Core.Engines.Onnx;
using WorkBrain.Core.Experts;

namespace WorkBrain.Core.Vision;

/// <summary>Creates the vision models' sessions through the one factory, with a clear message when a model file is unreadable.</summary>
internal static class OnnxSessions
{
    public static InferenceSession Create(OnnxSessionFactory sessions, string model, string path)
    {
        try
        {
            // Spinning intra-op threads halve throughput or worse when other models or requests share the CPU (measured in the vision benchmark).
            return sessions.Create(model, path, new OnnxSessionSettings { AllowSpinning = false });
        }
        catch (OnnxRuntimeException ex)
        {
            throw new ExpertException($"The model {Path.GetFileName(path)} could not be loaded ({ex.Message}); pull it again.", ex);
        }
    }

    /// <summary>Runs a single-input, single-output model.</summary>
    public static (float[] Data, long[] Shape) RunSingle(InferenceSession session, float[] input, long[] shape)
    {
        using var value = OrtValue.CreateTensorValueFromMemory(input, shape);
        using var runOptions = new RunOptions();
        using var outputs = session.Run(runOptions, [session.InputNames[0]], [value], [session.OutputNames[0]]);
        var output = outputs[0];
        return (output.GetTensorDataAsSpan<float>().ToArray(), output.GetTensorTypeAndShape().Shape);
    }
}
