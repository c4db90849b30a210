using System.Diagnostics;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using WorkBrain.Core.Events;
using WorkBrain.Core.Experts;
using WorkBrain.Core.Files;
using WorkBrain.Core.Gate;
using WorkBrain.Core.Models;
using WorkBrain.Core.Orchestration;
using WorkBrain.Core.Speech.Tts;
using WorkBrain.Core.Storage;
using WorkBrain.Core.Turns;

namespace WorkBrain.Benchmarks;

/// <summary>"Read answers aloud" latency: time from the answer's first text token to its first audio, with tts speaking
/// sentence by sentence while the text is written (the Brain's streaming path) versus tts reading the whole answer once it
/// is done. The text comes from a simulated model streaming at a realistic rate (args: [tokens per second], default 25);
/// the voice is the real espeak-ng.</summary>
internal sealed class VoiceLatencyBenchmark : IBenchmark
{
    private const string English =
        "Sure, here is a short overview. Tokyo is the capital of Japan and one of the largest cities in the world. " +
        "It is known for its mix of old temples and modern skyscrapers. The best time to visit is in spring, when the cherry trees bloom. " +
        "Public transport is fast, clean and easy to use, even if you do not speak Japanese. Enjoy your trip!";

    private const string Chinese =
        "好的，下面简单介绍一下。东京是日本的首都，也是世界上最大的城市之一。那里既有古老的寺庙，也有现代的摩天大楼。" +
        "春天樱花盛开的时候是最好的旅行季节。公共交通又快又干净，即使不会说日语也很方便。祝你旅途愉快！";

    private const int Runs = 3;

    public string Name => "voice";

    public string Description => "Read aloud: first token to first audio, sentence streaming vs whole answer (args: [tokens/s])";

    public async Task RunAsync(IReadOnlyList<string> args, TextWriter output, CancellationToken cancellationToken)
    {
        var rate = args.Count > 0 ? double.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 25;
        var folder = Path.Combine(Path.GetTempPath(), $"workbrain-voice-bench-{Environment.ProcessId}");
        var options = Options.Create(new TtsOptions { Backend = "espeak" });
        using var speech = SpeechServices.Build(new() { ["Tts:Backend"] = "espeak" });
        var synthesizer = speech.GetRequiredService<SpeechSynthesizer>();
        var tts = new TtsExpert(synthesizer, new DiskFileStore(Options.Create(new StorageOptions { DataDirectory = folder })), options);
        await synthesizer.SynthesizeAsync("warm up", cancellationToken);

        output.WriteLine($"CPU cores visible: {Environment.ProcessorCount}; simulated text model: {rate:0} tokens/s; voice: espeak-ng; median of {Runs} runs");
        try
        {
            foreach (var (label, tokens) in new[] { ("English", Words(English)), ("Chinese", Characters(Chinese)) })
            {
                var text = new StreamingTextExpert(tokens, TimeSpan.FromSeconds(1 / rate));
                var streamed = await MeasureAsync(text, tts, cancellationToken);
                var whole = await MeasureAsync(text, new WholeAnswerExpert(tts), cancellationToken);
                output.WriteLine($"{label}, {tokens.Count} tokens, text written in {streamed.TextSeconds:0.00} s:");
                output.WriteLine($"  sentence streaming: first audio {streamed.FirstAudioSeconds * 1000:0} ms after the first token, {streamed.Clips} clips, all audio ready at {streamed.LastAudioSeconds:0.00} s");
                output.WriteLine($"  whole answer:       first audio {whole.FirstAudioSeconds * 1000:0} ms after the first token, {whole.Clips} clip, ready at {whole.LastAudioSeconds:0.00} s");
                output.WriteLine($"  speech starts {whole.FirstAudioSeconds / streamed.FirstAudioSeconds:0.0}x sooner");
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private sealed record Timing(double TextSeconds, double FirstAudioSeconds, double LastAudioSeconds, int Clips);

    private static async Task<Timing> MeasureAsync(IExpert text, IExpert tts, CancellationToken cancellationToken)
    {
        var brain = new Brain(new FixedGate(), new ExpertRegistry([text, tts]), new BrainTelemetry(), NullLogger<Brain>.Instance);
        var timings = new List<Timing>();
        for (var run = 0; run < Runs; run++)
        {
            Stopwatch? clock = null;
            double textDone = 0, first = 0, last = 0;
            var clips = 0;
            await foreach (var e in brain.AnswerAsync(Turn.FromText("Tell me about Tokyo and read it aloud"), cancellationToken: cancellationToken))
            {
                switch (e)
                {
                    case TextDelta:
                        clock ??= Stopwatch.StartNew();
                        break;
                    case ExpertFinished { Expert: ExpertIds.TextGeneration }:
                        textDone = clock?.Elapsed.TotalSeconds ?? 0;
                        break;
                    case AudioReady:
                        last = clock?.Elapsed.TotalSeconds ?? 0;
                        first = clips++ == 0 ? last : first;
                        break;
                    case ExpertFailed f:
                        throw new InvalidOperationException($"{f.Expert} failed: {f.Message}");
                }
            }

            timings.Add(new Timing(textDone, first, last, clips));
        }

        return timings.OrderBy(t => t.FirstAudioSeconds).ElementAt(Runs / 2);
    }

    private static List<string> Words(string text) =>
        text.Split(' ').Select((w, i) => i == 0 ? w : " " + w).ToList();

    private static List<string> Characters(string text) =>
        text.EnumerateRunes().Select(r => r.ToString()).ToList();

    private sealed class FixedGate : IGate
    {
        public string Name => "benchmark";

        public ValueTask<GateDecision> RouteAsync(Turn turn, CancellationToken cancellationToken = default)
        {
            var scores = ExpertIds.All.ToDictionary(id => id, id => id is ExpertIds.TextGeneration or ExpertIds.Tts ? 1f : 0f);
            return ValueTask.FromResult(new GateDecision(scores,
                [new ExpertSelection(ExpertIds.TextGeneration, 1f, turn.Text), new ExpertSelection(ExpertIds.Tts, 1f, turn.Text)], Name, 0));
        }
    }

    /// <summary>A text model stand-in: writes the tokens at a steady rate.</summary>
    private sealed class StreamingTextExpert(IReadOnlyList<string> tokens, TimeSpan interval) : IExpert
    {
        public string Id => ExpertIds.TextGeneration;

        public ExpertStatus GetStatus() => new(Id, ExpertState.Ready, "simulated", "CPU", "");

        public async IAsyncEnumerable<BrainEvent> RunAsync(ExpertRequest request, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            var clock = Stopwatch.StartNew();
            for (var i = 0; i < tokens.Count; i++)
            {
                var due = interval * i - clock.Elapsed;
                if (due > TimeSpan.Zero)
                {
                    await Task.Delay(due, cancellationToken);
                }

                yield return new TextDelta(Id, tokens[i]);
            }
        }
    }

    /// <summary>The tts expert without its stream reader, so the Brain waits for the whole answer before speaking.</summary>
    private sealed class WholeAnswerExpert(IExpert inner) : IExpert
    {
        public string Id => inner.Id;

        public ExpertStatus GetStatus() => inner.GetStatus();

        public IAsyncEnumerable<BrainEvent> RunAsync(ExpertRequest request, CancellationToken cancellationToken = default) =>
            inner.RunAsync(request, cancellationToken);
    }
}
