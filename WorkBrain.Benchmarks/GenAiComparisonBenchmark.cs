using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using Microsoft.ML.OnnxRuntimeGenAI;
using WorkBrain.Core.Text.Local;

namespace WorkBrain.Benchmarks;

/// <summary>
/// Our ONNX generation loop against Microsoft.ML.OnnxRuntimeGenAI 0.18.0 on the same model and prompt, greedy, same
/// number of tokens, every session at the same intra-op thread count. Ours runs four ways: its outputs written into
/// reused buffers of its own (TextGeneration:Local:BindOutputs, the default, as GenAI binds outputs it allocated) or
/// allocated by ONNX Runtime, each with ONNX Runtime's memory pattern off (the default) and on (as GenAI leaves it). For
/// each: wall-clock decode milliseconds per token (prefill excluded), exact CPU time per decoded token (getrusage; ours:
/// a request less a prefill-only request of the same prompt) and that CPU time by thread (schedstat), so it shows which
/// threads work for an engine; the ratios to GenAI. Medians of ROUNDS rounds in rotating order after three warm-up
/// requests each. GenAI reads the genai_config.json written here from the model's config.json (past_present_share_buffer
/// false: the export's attention concatenates past and new keys, so no engine can write the cache in place). Args:
/// [MODEL_FOLDER] [TOKENS] [THREADS] [ROUNDS] [ENGINES]; FOLDER - or -0.5b generates a model (see <see cref="BenchmarkDecoders"/>); THREADS 0 (the default) means
/// GenAI's own default, half the logical processors, set explicitly on all; ENGINES a comma list of indexes (0-3 ours
/// as printed, 4 GenAI) to run only those, e.g. under a profiler; a sixth argument "fresh" gives each round a longer
/// prompt than the last by more than TOKENS, so no step repeats an earlier step's input shapes.
/// </summary>
internal sealed class GenAiComparisonBenchmark : IBenchmark
{
    public string Name => "genai";

    public string Description => "ONNX LLM: our generation loop vs ONNX Runtime GenAI 0.18 on the same model (goal: ours >= 1.0x)";

    public async Task RunAsync(IReadOnlyList<string> args, TextWriter output, CancellationToken cancellationToken)
    {
        var folder = await BenchmarkDecoders.FolderAsync(args, cancellationToken);
        var tokens = args.Count > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 128;
        var threads = args.Count > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 0;
        if (threads <= 0)
        {
            threads = Math.Max(1, Environment.ProcessorCount / 2); // what GenAI takes when its config names none
        }

        var rounds = args.Count > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 7;
        WriteGenAiConfig(folder, threads);
        // ours four ways: writing into its own reused output buffers or ONNX Runtime allocating them, each with ONNX
        // Runtime's memory pattern off and on (GenAI leaves it on)
        using var bound = OnnxChatClient.Load(folder, new LocalEngineOptions { ExecutionProvider = "cpu", IntraOpThreads = threads, BindOutputs = true });
        using var allocated = OnnxChatClient.Load(folder, new LocalEngineOptions { ExecutionProvider = "cpu", IntraOpThreads = threads, BindOutputs = false });
        using var patterned = OnnxChatClient.Load(folder, new LocalEngineOptions { ExecutionProvider = "cpu", IntraOpThreads = threads, BindOutputs = true, MemoryPattern = true });
        using var patternedAllocated = OnnxChatClient.Load(folder, new LocalEngineOptions { ExecutionProvider = "cpu", IntraOpThreads = threads, BindOutputs = false, MemoryPattern = true });
        // "fresh" (a sixth argument): each round's prompt is longer than the one before by more than TOKENS, so no decode
        // step has the input shapes of an earlier one and nothing ONNX Runtime keeps per set of shapes (the memory
        // pattern) can be reused; otherwise every round reads the same prompt
        var fresh = args.Count > 5 && args[5] == "fresh";
        const string Prompt = "Write a short story about a robot learning to paint.";
        var promptMessages = new[] { new ChatMessage(ChatRole.User, Prompt) };
        var promptIds = bound.Model.Tokenizer.Encode(bound.RenderPrompt(promptMessages)).ToArray();
        int Length(string text) => bound.Model.Tokenizer.Encode(bound.RenderPrompt([new ChatMessage(ChatRole.User, text)])).Count;
        var perFiller = Math.Max(1, (Length(Prompt + string.Concat(Enumerable.Repeat(" and then", 10))) - promptIds.Length) / 10);
        void PromptFor(int round)
        {
            var text = Prompt + string.Concat(Enumerable.Repeat(" and then", (round * (tokens + 8) / perFiller) + 1));
            promptMessages = [new ChatMessage(ChatRole.User, text)];
            promptIds = bound.Model.Tokenizer.Encode(bound.RenderPrompt(promptMessages)).ToArray();
        }
        var options = new ChatOptions { Temperature = 0, MaxOutputTokens = tokens, AdditionalProperties = new() { [OnnxChatClient.RepetitionPenaltyKey] = 1f } };
        var prefillOnly = options.Clone();
        prefillOnly.MaxOutputTokens = 1;
        using var genAi = new Model(folder);
        output.WriteLine($"model: {folder} ({bound.Model.Layers} layers, CPU, {threads} intra-op thread(s) on all, {Environment.ProcessorCount} logical processors, load average {MachineLoad.Average()}), prompt {promptIds.Length} tokens, {tokens} new tokens, greedy");

        var engines = new[] { new Engine("ours, bound outputs"), new Engine("ours, ORT's outputs"), new Engine("ours, bound, pattern"), new Engine("ours, ORT's, pattern"), new Engine("ONNX Runtime GenAI") };
        var genAiIndex = engines.Length - 1;
        // a fifth argument picks engines by index (0-3 ours as listed, 4 GenAI), e.g. for profiling one alone
        var chosen = args.Count > 4 ? args[4].Split(',').Select(a => int.Parse(a, CultureInfo.InvariantCulture)).Where(i => i >= 0 && i < engines.Length).Distinct().Order().ToArray()
            : Enumerable.Range(0, engines.Length).ToArray();

        async Task OursAsync(OnnxChatClient client, Engine engine)
        {
            // decode CPU: the whole request less a prefill-only request (one token, no decode step) just before it
            var allocatedStart = GC.GetTotalAllocatedBytes(precise: true);
            var start = ThreadCpu.Now();
            await client.GetResponseAsync(promptMessages, prefillOnly, cancellationToken);
            var middle = ThreadCpu.Now();
            var allocatedMiddle = GC.GetTotalAllocatedBytes(precise: true);
            var before = client.Stats.OutputTokens;
            await client.GetResponseAsync(promptMessages, options, cancellationToken);
            var end = ThreadCpu.Now();
            var allocatedEnd = GC.GetTotalAllocatedBytes(precise: true);
            var s = client.Stats;
            var decoded = (int)Math.Max(1, s.OutputTokens - before);
            engine.Add(1000.0 / s.LastTokensPerSecond, end.Since(middle), middle.Since(start), decoded, s.LastLoopOverheadPercent);
            engine.AddAllocated((double)((allocatedEnd - allocatedMiddle) - (allocatedMiddle - allocatedStart)) / decoded);
        }

        void Theirs(Engine engine)
        {
            using var parameters = new GeneratorParams(genAi);
            parameters.SetSearchOption("max_length", promptIds.Length + tokens);
            parameters.SetSearchOption("min_length", promptIds.Length + tokens);
            parameters.SetSearchOption("do_sample", false);
            using var generator = new Generator(genAi, parameters);
            generator.AppendTokens(promptIds); // the prompt is read here (prefill)
            var allocatedStart = GC.GetTotalAllocatedBytes(precise: true);
            var start = ThreadCpu.Now();
            var clock = Stopwatch.StartNew();
            var produced = 0;
            while (!generator.IsDone() && produced < tokens)
            {
                generator.GenerateNextToken();
                produced++;
            }

            var elapsed = clock.Elapsed.TotalMilliseconds / produced;
            engine.Add(elapsed, ThreadCpu.Now().Since(start), null, produced, double.NaN);
            engine.AddAllocated((double)(GC.GetTotalAllocatedBytes(precise: true) - allocatedStart) / produced);
        }

        Task RunAsync(int index) => index switch
        {
            0 => OursAsync(bound, engines[0]),
            1 => OursAsync(allocated, engines[1]),
            2 => OursAsync(patterned, engines[2]),
            3 => OursAsync(patternedAllocated, engines[3]),
            _ => TheirsAsync(),
        };

        Task TheirsAsync()
        {
            Theirs(engines[genAiIndex]);
            return Task.CompletedTask;
        }

        // warm-up: three requests each, so the JIT's tier-1 code is in place before measuring
        for (var warm = 0; warm < 3; warm++)
        {
            foreach (var i in chosen)
            {
                await RunAsync(i);
            }
        }

        foreach (var e in engines)
        {
            e.Clear();
        }

        for (var round = 0; round < rounds; round++)
        {
            if (fresh)
            {
                PromptFor(round + 1);
            }

            // the order rotates and alternates direction, so none always runs first or after the same one
            var rotation = Enumerable.Range(0, chosen.Length).Select(i => chosen[(i + round) % chosen.Length]);
            foreach (var i in round % 2 == 0 ? rotation : rotation.Reverse())
            {
                await RunAsync(i);
            }
        }

        var ran = chosen.Select(i => engines[i]).ToArray();
        foreach (var e in ran)
        {
            output.WriteLine($"{e.Name,-22} {1000.0 / e.Wall,8:0.0} tokens/s  ({e.Wall:0.000} ms/token wall, {e.Cpu:0.000} ms CPU/token, {e.Allocated:0} B managed/token{(double.IsNaN(e.Overhead) ? "" : $", loop's own time over Run {e.Overhead:0.00} %")})");
        }

        var t = engines[genAiIndex];
        foreach (var o in chosen.Contains(genAiIndex) ? ran.Where(e => e != t) : [])
        {
            output.WriteLine($"{o.Name} / GenAI: wall clock {t.Wall / o.Wall:0.00}x tokens/s, CPU time {t.Cpu / o.Cpu:0.00}x tokens per CPU second (goal >= 1.0x; medians of {rounds} rounds, order rotated)");
        }

        output.WriteLine("CPU per decoded token by thread (ms, all rounds; ours less its prefill-only request):");
        foreach (var e in ran)
        {
            output.WriteLine($"  {e.Name}: {string.Join(", ", e.Threads.Where(kv => kv.Value > 0.0005).OrderByDescending(kv => kv.Value).Select(kv => $"{kv.Key} {kv.Value:0.000}"))}");
        }

        output.WriteLine($"load average at the end: {MachineLoad.Average()}{(fresh ? $"; fresh prompts, the last {promptIds.Length} tokens" : "")}");
        output.WriteLine($"process memory: {ProcessMemory()} (every engine's session is loaded; run one engine per process to compare them)");
    }

    /// <summary>Peak and current resident set and the private part (anonymous memory: heaps, ONNX Runtime's arena and
    /// plans) of this process, from /proc/self/status.</summary>
    private static string ProcessMemory()
    {
        if (!File.Exists("/proc/self/status"))
        {
            return "n/a";
        }

        var fields = File.ReadLines("/proc/self/status").Select(l => l.Split(':', 2)).Where(p => p.Length == 2)
            .ToDictionary(p => p[0], p => p[1].Trim(), StringComparer.Ordinal);
        string Mib(string key) => fields.TryGetValue(key, out var v) && long.TryParse(v.Split(' ')[0], CultureInfo.InvariantCulture, out var kb) ? $"{kb / 1024.0:0.0} MiB" : "n/a";
        return $"peak working set {Mib("VmHWM")}, working set {Mib("VmRSS")}, private {Mib("RssAnon")}";
    }

    /// <summary>The figures of one engine over the rounds.</summary>
    private sealed class Engine(string name)
    {
        private readonly List<double> _wall = [];
        private readonly List<double> _cpu = [];
        private readonly List<double> _overhead = [];
        private readonly List<double> _allocated = [];
        private readonly Dictionary<string, double> _threadMs = new(StringComparer.Ordinal);
        private int _tokens;

        public string Name => name;

        public double Wall => FixtureScripts.Median(_wall);

        public double Cpu => FixtureScripts.Median(_cpu);

        /// <summary>Managed bytes allocated per decoded token, all threads (ours: a request less a prefill-only request).</summary>
        public double Allocated => _allocated.Count == 0 ? double.NaN : FixtureScripts.Median(_allocated);

        public void AddAllocated(double bytesPerToken) => _allocated.Add(bytesPerToken);

        public double Overhead => _overhead.Count == 0 ? double.NaN : FixtureScripts.Median(_overhead);

        public IEnumerable<KeyValuePair<string, double>> Threads => _threadMs.Select(kv => KeyValuePair.Create(kv.Key, kv.Value / Math.Max(1, _tokens)));

        public void Add(double wallPerToken, Dictionary<string, double> cpu, Dictionary<string, double>? less, int tokens, double overhead)
        {
            foreach (var (thread, ms) in cpu)
            {
                _threadMs[thread] = _threadMs.GetValueOrDefault(thread) + ms;
            }

            foreach (var (thread, ms) in less ?? [])
            {
                _threadMs[thread] = _threadMs.GetValueOrDefault(thread) - ms;
            }

            _wall.Add(wallPerToken);
            _cpu.Add((cpu.Values.Sum() - (less?.Values.Sum() ?? 0)) / tokens);
            _tokens += tokens;
            if (!double.IsNaN(overhead))
            {
                _overhead.Add(overhead);
            }
        }

        public void Clear()
        {
            _wall.Clear();
            _cpu.Clear();
            _overhead.Clear();
            _allocated.Clear();
            _threadMs.Clear();
            _tokens = 0;
        }
    }

    /// <summary>genai_config.json for an onnx-community style decoder export (input/output names as ours reads them).</summary>
    internal static void WriteGenAiConfig(string folder, int threads)
    {
        var config = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "config.json")))!.AsObject();
        int Int(string key) => config[key]!.GetValue<int>();
        var heads = Int("num_attention_heads");
        var onnx = Directory.EnumerateFiles(Path.Combine(folder, "onnx"), "*.onnx").Order(StringComparer.Ordinal).First();
        var eos = config["eos_token_id"] is JsonArray a ? a.Select(e => e!.GetValue<int>()).ToArray() : [Int("eos_token_id")];
        var genai = new JsonObject
        {
            ["model"] = new JsonObject
            {
                ["bos_token_id"] = Int("bos_token_id"),
                ["context_length"] = Int("max_position_embeddings"),
                ["decoder"] = new JsonObject
                {
                    ["session_options"] = threads > 0
                        ? new JsonObject { ["log_id"] = "onnxruntime-genai", ["intra_op_num_threads"] = threads, ["inter_op_num_threads"] = 1, ["provider_options"] = new JsonArray() }
                        : new JsonObject { ["log_id"] = "onnxruntime-genai", ["provider_options"] = new JsonArray() },
                    ["filename"] = Path.GetRelativePath(folder, onnx).Replace('\\', '/'),
                    ["head_size"] = Int("hidden_size") / heads,
                    ["hidden_size"] = Int("hidden_size"),
                    ["inputs"] = new JsonObject
                    {
                        ["input_ids"] = "input_ids", ["attention_mask"] = "attention_mask", ["position_ids"] = "position_ids",
                        ["past_key_names"] = "past_key_values.%d.key", ["past_value_names"] = "past_key_values.%d.value",
                    },
                    ["outputs"] = new JsonObject
                    {
                        ["logits"] = "logits", ["present_key_names"] = "present.%d.key", ["present_value_names"] = "present.%d.value",
                    },
                    ["num_attention_heads"] = heads,
                    ["num_hidden_layers"] = Int("num_hidden_layers"),
                    ["num_key_value_heads"] = Int("num_key_value_heads"),
                },
                ["eos_token_id"] = new JsonArray(eos.Select(e => (JsonNode)e).ToArray()),
                ["pad_token_id"] = eos[0],
                ["type"] = config["model_type"]!.GetValue<string>(),
                ["vocab_size"] = Int("vocab_size"),
            },
            ["search"] = new JsonObject
            {
                ["do_sample"] = false, ["max_length"] = Int("max_position_embeddings"), ["min_length"] = 0, ["num_beams"] = 1,
                ["num_return_sequences"] = 1, ["past_present_share_buffer"] = false, ["repetition_penalty"] = 1.0, ["temperature"] = 1.0,
                ["top_k"] = 1, ["top_p"] = 1.0, ["early_stopping"] = true, ["length_penalty"] = 1.0, ["no_repeat_ngram_size"] = 0, ["diversity_penalty"] = 0.0,
            },
        };
        File.WriteAllText(Path.Combine(folder, "genai_config.json"), genai.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }
}
