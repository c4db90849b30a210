using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.AI;
using Microsoft.ML.OnnxRuntime;
using WorkBrain.Core.Text.Local;

namespace WorkBrain.Benchmarks;

/// <summary>
/// Tokens/s of the local ONNX engine and the overhead of its generation loop (sampling, UTF-8 decoding, streaming, KV
/// hand-over) over bare InferenceSession.Run calls doing the same decoding steps on the same model.
/// Args: [MODEL_FOLDER] [TOKENS]; without a folder a tiny Qwen2-shaped model is generated with models/fixtures/tiny_llm.py.
/// </summary>
internal sealed class LlmBenchmark : IBenchmark
{
    public string Name => "llm";

    public string Description => "local ONNX LLM: tokens/s and generation-loop overhead vs bare InferenceSession.Run (target < 5%)";

    public async Task RunAsync(IReadOnlyList<string> args, TextWriter output, CancellationToken cancellationToken)
    {
        var folder = args.Count > 0 ? args[0] : await GenerateTinyModelAsync(output, cancellationToken);
        var tokens = args.Count > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 128;
        using var client = OnnxChatClient.Load(folder, new LocalEngineOptions { ExecutionProvider = "auto" });
        var model = client.Model;
        output.WriteLine($"model: {folder} ({model.Template}, {model.Layers} layers, device {client.Device}, {client.MemoryBytes / 1048576.0:0.0} MiB)");

        ChatMessage[] prompt = [new(ChatRole.User, "Write a short story about a robot learning to paint. 写一个故事。")];
        var options = new ChatOptions { Temperature = 0, MaxOutputTokens = tokens, AdditionalProperties = new() { [OnnxChatClient.RepetitionPenaltyKey] = 1f } };
        var promptIds = model.Tokenizer.Encode(client.RenderPrompt(prompt));

        // warm up both paths
        await client.GetResponseAsync(prompt, options, cancellationToken);
        BareDecode(model, promptIds, tokens);

        const int Rounds = 9;
        var loopPerToken = new List<double>();
        var barePerToken = new List<double>();
        var ttft = new List<double>();
        var inLoop = new List<double>();
        var produced = 0;
        for (var round = 0; round < Rounds; round++)
        {
            var clock = Stopwatch.StartNew();
            TimeSpan? first = null;
            await foreach (var update in client.GetStreamingResponseAsync(prompt, options, cancellationToken))
            {
                if (!string.IsNullOrEmpty(update.Text))
                {
                    first ??= clock.Elapsed;
                }

                produced = (int?)update.Contents.OfType<UsageContent>().FirstOrDefault()?.Details.OutputTokenCount ?? produced;
            }

            ttft.Add((first ?? clock.Elapsed).TotalMilliseconds);
            // the engine's decode time holds n tokens but n - 1 model steps (the first token comes from the prefill's
            // logits); per step, like the bare side
            loopPerToken.Add(1000.0 / client.Stats.LastTokensPerSecond * produced / Math.Max(1, produced - 1));
            inLoop.Add(client.Stats.LastLoopOverheadPercent);
            barePerToken.Add(BareDecode(model, promptIds, produced));
        }

        var loop = Median(loopPerToken);
        var bare = Median(barePerToken);
        output.WriteLine($"generated tokens per round: {produced} (prompt {promptIds.Count} tokens), rounds: {Rounds}");
        output.WriteLine($"engine loop:   {1000.0 / loop,8:0.0} steps/s  ({loop:0.000} ms/decode step), time to first token {Median(ttft):0.0} ms");
        output.WriteLine($"bare Run():    {1000.0 / bare,8:0.0} steps/s  ({bare:0.000} ms/decode step)");
        output.WriteLine($"loop overhead vs bare Run():       {(loop / bare - 1) * 100,8:0.00} %  (target < 5 %; noisy on a busy machine)");
        output.WriteLine($"loop overhead measured in the loop: {Median(inLoop),8:0.00} %  (decode wall time over time inside Run, median)");
    }

    /// <summary>Prefill then single-token Run calls (output tensors allocated, present.* handed back as past_key_values.*)
    /// and nothing else; returns ms per decode step, timing Run alone over the steps - 1 decode steps.</summary>
    private static double BareDecode(OnnxDecoderModel model, List<int> promptIds, int steps)
    {
        var session = model.Session;
        using var run = new RunOptions();
        var past = Enumerable.Range(0, model.Layers * 2)
            .Select(_ => OrtValue.CreateAllocatedTensorValue(OrtAllocator.DefaultInstance, model.KvElementType, [1, model.KvHeads, 0, model.HeadDim]))
            .ToArray();
        var pastLength = 0;
        var next = 0L;
        double decodeMs = 0;
        try
        {
            for (var step = 0; step <= steps - 1; step++)
            {
                var ids = step == 0 ? promptIds.Select(i => (long)i).ToArray() : [next];
                var n = ids.Length;
                var total = pastLength + n;
                var mask = new long[total];
                Array.Fill(mask, 1L);
                var positions = Enumerable.Range(pastLength, n).Select(i => (long)i).ToArray();
                var inputs = new List<OrtValue> { OrtValue.CreateTensorValueFromMemory(ids, [1, n]), OrtValue.CreateTensorValueFromMemory(mask, [1, total]) };
                if (model.HasPositionIds)
                {
                    inputs.Add(OrtValue.CreateTensorValueFromMemory(positions, [1, n]));
                }

                inputs.AddRange(past);
                var outputs = new OrtValue[model.OutputNames.Length];
                outputs[0] = OrtValue.CreateAllocatedTensorValue(OrtAllocator.DefaultInstance, model.LogitsElementType, [1, n, model.VocabSize]);
                for (var i = 1; i < outputs.Length; i++)
                {
                    outputs[i] = OrtValue.CreateAllocatedTensorValue(OrtAllocator.DefaultInstance, model.KvElementType, [1, model.KvHeads, total, model.HeadDim]);
                }

                // only Run is timed: allocating the outputs is part of what the engine's loop must do, not of the baseline
                var clock = Stopwatch.StartNew();
                session.Run(run, model.InputNames, inputs, model.OutputNames, outputs);
                if (step > 0)
                {
                    decodeMs += clock.Elapsed.TotalMilliseconds;
                }

                foreach (var input in inputs.Take(model.HasPositionIds ? 3 : 2))
                {
                    input.Dispose();
                }

                foreach (var p in past)
                {
                    p.Dispose();
                }

                outputs[0].Dispose();
                past = outputs[1..];
                pastLength = total;
                next = (step * 7 + 11) % Math.Max(1, model.Tokenizer.VocabularySize - 10);
            }
        }
        finally
        {
            foreach (var p in past)
            {
                p.Dispose();
            }
        }

        return decodeMs / Math.Max(1, steps - 1);
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }

    private static async Task<string> GenerateTinyModelAsync(TextWriter output, CancellationToken cancellationToken)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "WorkBrain.sln")))
        {
            dir = dir.Parent;
        }

        var script = Path.Combine(dir?.FullName ?? throw new InvalidOperationException("WorkBrain.sln not found; pass a model folder."), "models", "fixtures", "tiny_llm.py");
        var outDir = Path.Combine(Path.GetTempPath(), "workbrain-bench-llm");
        Directory.CreateDirectory(outDir);
        var psi = new ProcessStartInfo("/usr/bin/python3") { UseShellExecute = false, RedirectStandardError = true };
        foreach (var a in new[] { script, outDir, "--layers", "4", "--hidden", "256" })
        {
            psi.ArgumentList.Add(a);
        }

        using var process = Process.Start(psi) ?? throw new InvalidOperationException("Could not start /usr/bin/python3.");
        var error = await process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"tiny_llm.py failed: {error}");
        }

        output.WriteLine($"generated a tiny model (4 layers, hidden 256) in {outDir}");
        return outDir;
    }
}
