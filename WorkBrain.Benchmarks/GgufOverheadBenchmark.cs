using System.Diagnostics;
using System.Globalization;
using LLama;
using LLama.Common;
using LLama.Sampling;
using Microsoft.Extensions.AI;
using WorkBrain.Core.Text.Gguf;

namespace WorkBrain.Benchmarks;

/// <summary>
/// LLamaSharp through our <see cref="GgufChatClient"/> against LLamaSharp's own <see cref="StatelessExecutor"/> on the
/// same GGUF with the same sampler settings: decode time per token, measured the same way on both sides (from the first
/// streamed token to the last, over n − 1 intervals). Args: [GGUF] [TOKENS]; without a file a 4-layer, 256-wide llama
/// GGUF whose chain never ends is generated with models/fixtures/tiny_gguf.py.
/// </summary>
internal sealed class GgufOverheadBenchmark : IBenchmark
{
    public string Name => "gguf";

    public string Description => "GGUF: tokens/s of our LLamaSharp IChatClient vs LLamaSharp's StatelessExecutor (target overhead < 3%)";

    public async Task RunAsync(IReadOnlyList<string> args, TextWriter output, CancellationToken cancellationToken)
    {
        var path = args.Count > 0 ? args[0]
            : Path.Combine(await FixtureScripts.RunAsync("tiny_gguf", "workbrain-bench-gguf", ["--loop", "--context", "4096", "--layers", "4", "--hidden", "256"], cancellationToken), "tiny-loop.gguf");
        var tokens = args.Count > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 256;
        var engine = new GgufEngineOptions { Path = path, ContextSize = 4096, Threads = 1 };
        using var client = LlamaSharpEngineFactory.CreateChatClient(engine);
        output.WriteLine($"model: {path} ({client.MemoryBytes / 1048576.0:0.0} MiB, context {client.ContextSize}, 1 thread)");

        const string Prompt = "the";
        var chatOptions = new ChatOptions
        {
            Temperature = 0, TopP = 0.95f, TopK = 40, MaxOutputTokens = tokens, Seed = 1,
            AdditionalProperties = new() { [GgufChatClient.RawPromptKey] = true },
        };
        var parameters = new ModelParams(path) { ContextSize = 4096, Threads = 1, BatchThreads = 1 };
        using var weights = LLamaWeights.LoadFromFile(parameters);
        var executor = new StatelessExecutor(weights, parameters);

        async Task<(double MsPerToken, int Count)> OursAsync()
        {
            var times = new List<TimeSpan>();
            var clock = Stopwatch.StartNew();
            await foreach (var update in client.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, Prompt)], chatOptions, cancellationToken))
            {
                if (!string.IsNullOrEmpty(update.Text))
                {
                    times.Add(clock.Elapsed);
                }
            }

            return ((times[^1] - times[0]).TotalMilliseconds / (times.Count - 1), times.Count);
        }

        async Task<(double MsPerToken, int Count)> TheirsAsync()
        {
            using var sampler = new DefaultSamplingPipeline { Temperature = 0, TopP = 0.95f, TopK = 40, RepeatPenalty = 1, Seed = 1 };
            var inference = new InferenceParams { MaxTokens = tokens, SamplingPipeline = sampler };
            var times = new List<TimeSpan>();
            var clock = Stopwatch.StartNew();
            await foreach (var text in executor.InferAsync(Prompt, inference, cancellationToken))
            {
                if (!string.IsNullOrEmpty(text))
                {
                    times.Add(clock.Elapsed);
                }
            }

            return ((times[^1] - times[0]).TotalMilliseconds / (times.Count - 1), times.Count);
        }

        await OursAsync();
        await TheirsAsync();
        const int Rounds = 7;
        var ours = new List<double>();
        var theirs = new List<double>();
        var counts = (0, 0);
        for (var round = 0; round < Rounds; round++)
        {
            // alternate the order so that a busy neighbour on the machine hurts both alike
            var a = round % 2 == 0 ? await OursAsync() : default;
            var b = await TheirsAsync();
            if (round % 2 == 1)
            {
                a = await OursAsync();
            }

            ours.Add(a.MsPerToken);
            theirs.Add(b.MsPerToken);
            counts = (a.Count, b.Count);
        }

        var o = FixtureScripts.Median(ours);
        var t = FixtureScripts.Median(theirs);
        output.WriteLine($"tokens per round: ours {counts.Item1}, executor {counts.Item2}; rounds: {Rounds}");
        output.WriteLine($"GgufChatClient (ours):       {1000.0 / o,8:0.0} tokens/s  ({o:0.000} ms/token)");
        output.WriteLine($"StatelessExecutor (LLamaSharp): {1000.0 / t,8:0.0} tokens/s  ({t:0.000} ms/token)");
        output.WriteLine($"overhead of ours: {(o / t - 1) * 100,8:0.00} %  (target < 3 %; negative = faster; noisy on a busy machine)");
    }
}
