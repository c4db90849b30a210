using System.Diagnostics;
using System.Globalization;
using Microsoft.ML.OnnxRuntime;
using WorkBrain.Core.ImageGeneration;

namespace WorkBrain.Benchmarks;

/// <summary>Diffusion step time: per-UNet-step latency (with and without classifier-free guidance), VAE decode + PNG,
/// on the tiny generated pipeline or on a real ONNX export given as the first argument.</summary>
internal sealed class ImageGenerationBenchmark : IBenchmark
{
    public string Name => "diffusion";

    public string Description => "Stable Diffusion step time on ONNX Runtime (args: [export folder] [size] [steps])";

    public async Task RunAsync(IReadOnlyList<string> args, TextWriter output, CancellationToken cancellationToken)
    {
        var directory = args.Count > 0 ? args[0] : await GenerateTinyAsync(output, cancellationToken);
        var size = args.Count > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 512;
        var steps = args.Count > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 8;
        output.WriteLine($"pipeline: {directory}");
        output.WriteLine($"image {size}x{size}, {steps} steps, {Environment.ProcessorCount} logical CPUs");

        var load = Stopwatch.StartNew();
        using var pipeline = new StableDiffusionPipeline(directory, WorkBrain.Core.Engines.Onnx.OnnxSessionFactory.Default, new() { ExecutionProvider = "cpu" });
        output.WriteLine($"load: {load.Elapsed.TotalMilliseconds:0} ms");

        // Warm-up: one step, so the first-run allocations are not counted.
        await MeasureAsync(pipeline, new ImageRequest("warm up", null, size, size, 1, 0, 1), cancellationToken);
        foreach (var guidance in new[] { 0.0, 7.5 })
        {
            var request = new ImageRequest("a photo of a cat", null, size, size, steps, guidance, 42);
            var (stepTimes, tail, total) = await MeasureAsync(pipeline, request, cancellationToken);
            stepTimes.Sort();
            var label = guidance > 1 ? "with guidance 7.5 (2 UNet passes)" : "no guidance (SD-Turbo style)";
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{label}: step p50 {stepTimes[stepTimes.Count / 2]:0.0} ms, mean {stepTimes.Average():0.0} ms, " +
                $"min {stepTimes[0]:0.0} ms, max {stepTimes[^1]:0.0} ms; decode+PNG {tail:0.0} ms; image total {total:0} ms"));
        }
    }

    private static async Task<(List<double> Steps, double Tail, double Total)> MeasureAsync(
        StableDiffusionPipeline pipeline, ImageRequest request, CancellationToken cancellationToken)
    {
        var steps = new List<double>();
        var clock = Stopwatch.StartNew();
        var last = 0.0;
        var first = true;
        double tail = 0;
        await foreach (var update in pipeline.GenerateAsync(request, "auto", cancellationToken: cancellationToken))
        {
            var now = clock.Elapsed.TotalMilliseconds;
            switch (update)
            {
                case DiffusionProgress when first:
                    first = false; // includes text encoding; not a pure step
                    break;
                case DiffusionProgress:
                    steps.Add(now - last);
                    break;
                case GeneratedImage:
                    tail = now - last;
                    break;
            }

            last = now;
        }

        if (steps.Count == 0)
        {
            steps.Add(last);
        }

        return (steps, tail, clock.Elapsed.TotalMilliseconds);
    }

    private static async Task<string> GenerateTinyAsync(TextWriter output, CancellationToken cancellationToken)
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "WorkBrain.sln")))
        {
            root = root.Parent;
        }

        if (root is null)
        {
            throw new InvalidOperationException("WorkBrain.sln not found; pass the path of an ONNX Stable Diffusion export.");
        }

        var outDir = Path.Combine(Path.GetTempPath(), "workbrain-bench-tiny-sd");
        if (!File.Exists(Path.Combine(outDir, "unet", "model.onnx")))
        {
            output.WriteLine("generating the tiny pipeline with models/fixtures/tiny_sd.py …");
            var psi = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardError = true, RedirectStandardOutput = true };
            psi.ArgumentList.Add(Path.Combine(root.FullName, "models", "fixtures", "tiny_sd.py"));
            psi.ArgumentList.Add(outDir);
            using var process = Process.Start(psi) ?? throw new InvalidOperationException("Could not start /usr/bin/python3.");
            var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
            await process.StandardOutput.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken);
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException("tiny_sd.py failed: " + await stderr);
            }
        }

        return outDir;
    }
}
