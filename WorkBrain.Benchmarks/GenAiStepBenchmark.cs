using System.Diagnostics;
using System.Globalization;
using Microsoft.ML.OnnxRuntimeGenAI;
using WorkBrain.Core.Engines.Onnx;
using WorkBrain.Core.Text.Local;

namespace WorkBrain.Benchmarks;

/// <summary>
/// The decode step alone, ours against GenAI's, all on one thread: our <see cref="DecoderState"/> (outputs bound or ONNX
/// Runtime's, memory pattern off or on) after a prefill, greedy argmax then one step per token, and GenAI's
/// GenerateNextToken after AppendTokens. No chat pipeline, no text: what separates the two inside a step. Per token:
/// wall time, this thread's CPU time (/proc/thread-self/schedstat) and managed bytes it allocated; medians of ROUNDS
/// rounds in rotating order after three warm-ups; for ours also the time outside InferenceSession.Run. Args: [FOLDER|-|-0.5b]
/// [TOKENS] [ROUNDS] [fresh]; "fresh" gives each round a prompt longer than the last by more than TOKENS, so no step
/// repeats an earlier step's input shapes (no cached memory-pattern plan can be reused).
/// </summary>
internal sealed class GenAiStepBenchmark : IBenchmark
{
    public string Name => "genai-steps";

    public string Description => "ONNX LLM decode step alone on one thread: our DecoderState vs GenAI's GenerateNextToken";

    public async Task RunAsync(IReadOnlyList<string> args, TextWriter output, CancellationToken cancellationToken)
    {
        var folder = await BenchmarkDecoders.FolderAsync(args, cancellationToken);
        var tokens = args.Count > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 128;
        var rounds = args.Count > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 15;
        var fresh = args.Count > 3 && args[3] == "fresh";
        GenAiComparisonBenchmark.WriteGenAiConfig(folder, 1);
        var variants = new (string Name, bool Bind, bool Pattern)[]
        {
            ("ours, bound", true, false), ("ours, ORT's outputs", false, false), ("ours, bound, pattern", true, true), ("ours, ORT's, pattern", false, true),
        };
        var models = variants.Select(v => OnnxDecoderModel.Load(folder, new LocalEngineOptions { ExecutionProvider = "cpu", IntraOpThreads = 1, MemoryPattern = v.Pattern }, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance, OnnxSessionFactory.Default)).ToArray();
        try
        {
            using var genAi = new Model(folder);
            int[] Prompt(int length) => Enumerable.Range(0, length).Select(i => 40 + (i % 90)).ToArray();
            var prompt = Prompt(129);
            var figures = variants.Select(_ => new List<(double Wall, double Cpu, double Bytes)>()).Append([]).ToArray();
            var outsideRun = variants.Select(_ => new List<double>()).ToArray();

            (double, double, double) Ours(int index)
            {
                var model = models[index];
                using var state = new DecoderState(model, true, variants[index].Bind);
                var logits = Span<float>.Empty;
                for (var offset = 0; offset < prompt.Length; offset += 64)
                {
                    logits = state.Step(prompt.AsSpan(offset, Math.Min(64, prompt.Length - offset)));
                }

                var (clock, cpu, bytes) = Start();
                var inRun = state.ModelTime;
                for (var i = 1; i < tokens; i++)
                {
                    logits = state.Step(Sampler.ArgMax(logits));
                }

                var figure = Stop(clock, cpu, bytes, tokens - 1);
                outsideRun[index].Add(figure.Wall - ((state.ModelTime - inRun).TotalMilliseconds / (tokens - 1)));
                return figure;
            }

            (double, double, double) Theirs()
            {
                using var parameters = new GeneratorParams(genAi);
                parameters.SetSearchOption("max_length", prompt.Length + tokens);
                parameters.SetSearchOption("min_length", prompt.Length + tokens);
                parameters.SetSearchOption("do_sample", false);
                using var generator = new Generator(genAi, parameters);
                generator.AppendTokens(prompt);
                generator.GenerateNextToken(); // the first token comes from the prefill's logits: no model step
                var (clock, cpu, bytes) = Start();
                for (var i = 1; i < tokens; i++)
                {
                    generator.GenerateNextToken();
                }

                return Stop(clock, cpu, bytes, tokens - 1);
            }

            (double, double, double) Run(int index) => index < variants.Length ? Ours(index) : Theirs();

            var all = Enumerable.Range(0, variants.Length + 1).ToArray();
            for (var warm = 0; warm < 3; warm++)
            {
                foreach (var i in all)
                {
                    Run(i);
                }
            }

            foreach (var list in outsideRun)
            {
                list.Clear();
            }

            for (var round = 0; round < rounds; round++)
            {
                if (fresh)
                {
                    prompt = Prompt(129 + ((round + 1) * (tokens + 8)));
                }

                var order = all.Select(i => all[(i + round) % all.Length]);
                foreach (var i in round % 2 == 0 ? order : order.Reverse())
                {
                    figures[i].Add(Run(i));
                }
            }

            output.WriteLine($"model: {folder} ({models[0].Layers} layers, 1 intra-op thread, load average {MachineLoad.Average()}), prompt {prompt.Length} tokens, {tokens - 1} decode steps, medians of {rounds} rounds{(fresh ? $", fresh prompts up to {prompt.Length} tokens" : "")}");
            var theirs = figures[^1];
            double Median(IEnumerable<double> values) => FixtureScripts.Median(values);
            var names = variants.Select(v => v.Name).Append("GenAI GenerateNextToken").ToArray();
            for (var i = 0; i < figures.Length; i++)
            {
                var f = figures[i];
                output.WriteLine($"{names[i],-24} {Median(f.Select(x => x.Wall)) * 1000:0.0} us wall, {Median(f.Select(x => x.Cpu)) * 1000:0.0} us CPU, {Median(f.Select(x => x.Bytes)):0} B managed per step{(i < variants.Length ? $" ({Median(outsideRun[i]) * 1000:0.0} us outside Run)" : "")}; CPU / GenAI {Median(theirs.Select(x => x.Cpu)) / Median(f.Select(x => x.Cpu)):0.00}x");
            }

            output.WriteLine($"load average at the end: {MachineLoad.Average()}");
        }
        finally
        {
            foreach (var m in models)
            {
                m.Dispose();
            }
        }
    }

    private static (long Clock, long Cpu, long Bytes) Start() => (Stopwatch.GetTimestamp(), ThreadNanoseconds(), GC.GetAllocatedBytesForCurrentThread());

    private static (double Wall, double Cpu, double Bytes) Stop((long Clock, long Cpu, long Bytes) start, int steps) =>
        (Stopwatch.GetElapsedTime(start.Clock).TotalMilliseconds / steps, (ThreadNanoseconds() - start.Cpu) / 1e6 / steps, (double)(GC.GetAllocatedBytesForCurrentThread() - start.Bytes) / steps);

    private static (double Wall, double Cpu, double Bytes) Stop(long clock, long cpu, long bytes, int steps) => Stop((clock, cpu, bytes), steps);

    private static long ThreadNanoseconds() =>
        long.Parse(File.ReadAllText("/proc/thread-self/schedstat").Split(' ')[0], CultureInfo.InvariantCulture);
}
