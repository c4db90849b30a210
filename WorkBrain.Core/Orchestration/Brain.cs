using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using WorkBrain.Core.Events;
using WorkBrain.Core.Experts;
using WorkBrain.Core.Gate;
using WorkBrain.Core.Turns;

namespace WorkBrain.Core.Orchestration;

/// <summary>
/// Routes a turn with the gate and runs the plan: speech in attachments is transcribed first and becomes the text,
/// independent experts run concurrently, and tts reads what the text experts wrote once they are done.
/// One merged stream comes out; a failing expert yields <see cref="ExpertFailed"/> and the others go on.
/// </summary>
public sealed partial class Brain(IGate gate, ExpertRegistry experts, BrainTelemetry telemetry, ILogger<Brain> logger) : IBrain
{
    public async IAsyncEnumerable<BrainEvent> AnswerAsync(
        Turn turn,
        IReadOnlyList<string>? forcedExperts = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turn);
        using var activity = BrainTelemetry.Activities.StartActivity("brain.answer");
        var clock = Stopwatch.StartNew();
        var outputs = new Dictionary<string, StringBuilder>(StringComparer.Ordinal);
        var run = 0;
        var failed = 0;

        if (turn.Has(AttachmentKind.Audio))
        {
            string? transcript = null;
            await foreach (var e in ExpertRunner.RunAsync(experts.Find(ExpertIds.Asr), ExpertIds.Asr,
                               ExpertRequest.For(turn, turn.Text), telemetry, cancellationToken))
            {
                Count(e, ref run, ref failed);
                if (e is Transcribed t)
                {
                    transcript = string.IsNullOrWhiteSpace(transcript) ? t.Text : transcript + " " + t.Text;
                }

                yield return e;
            }

            if (!string.IsNullOrWhiteSpace(transcript))
            {
                turn = turn with { Text = string.IsNullOrWhiteSpace(turn.Text) ? transcript : turn.Text + "\n" + transcript };
            }
        }

        var decision = forcedExperts is { Count: > 0 }
            ? Forced(forcedExperts, turn.Text)
            : await gate.RouteAsync(turn, cancellationToken);
        telemetry.RecordGate(decision);
        LogRouted(logger, decision.Gate, string.Join(",", decision.Selected.Select(s => s.Expert)), decision.ElapsedMilliseconds);
        yield return new Routed(decision);

        // asr already ran on the attachments; tts waits for the text it reads.
        var firstWave = decision.Selected
            .Where(s => s.Expert != ExpertIds.Tts && !(s.Expert == ExpertIds.Asr && turn.Has(AttachmentKind.Audio)))
            .ToList();
        var tts = decision.Selected.FirstOrDefault(s => s.Expert == ExpertIds.Tts);

        await foreach (var e in MergeAsync(firstWave, turn, new Dictionary<string, string>(), cancellationToken))
        {
            Count(e, ref run, ref failed);
            if (e is TextDelta delta)
            {
                (outputs.TryGetValue(delta.Expert, out var sb) ? sb : outputs[delta.Expert] = new StringBuilder()).Append(delta.Text);
            }

            yield return e;
        }

        if (tts is not null)
        {
            var inputs = outputs.ToDictionary(kv => kv.Key, kv => kv.Value.ToString(), StringComparer.Ordinal);
            await foreach (var e in MergeAsync([tts], turn, inputs, cancellationToken))
            {
                Count(e, ref run, ref failed);
                yield return e;
            }
        }

        yield return new Completed(new TurnStats(clock.Elapsed.TotalMilliseconds, decision.ElapsedMilliseconds, run, failed, false));
    }

    private static GateDecision Forced(IReadOnlyList<string> forced, string text)
    {
        var scores = ExpertIds.All.ToDictionary(id => id, id => forced.Contains(id) ? 1f : 0f);
        return new GateDecision(scores, forced.Select(id => new ExpertSelection(id, 1f, text)).ToList(), "user", 0);
    }

    private static void Count(BrainEvent e, ref int run, ref int failed)
    {
        if (e is ExpertStarted)
        {
            run++;
        }
        else if (e is ExpertFailed)
        {
            failed++;
        }
    }

    /// <summary>Runs the experts concurrently and yields their events as they come, through one bounded channel.</summary>
    private async IAsyncEnumerable<BrainEvent> MergeAsync(
        IReadOnlyList<ExpertSelection> selections,
        Turn turn,
        IReadOnlyDictionary<string, string> inputs,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (selections.Count == 0)
        {
            yield break;
        }

        if (selections.Count == 1)
        {
            var only = selections[0];
            // Sub-instructions split a compound request; a text model answering alone reads the user's own words.
            var instruction = only.Expert == ExpertIds.TextGeneration && !string.IsNullOrWhiteSpace(turn.Text) ? turn.Text : only.Instruction;
            await foreach (var e in ExpertRunner.RunAsync(experts.Find(only.Expert), only.Expert,
                               new ExpertRequest(turn, instruction, inputs), telemetry, cancellationToken))
            {
                yield return e;
            }

            yield break;
        }

        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var channel = Channel.CreateBounded<BrainEvent>(new BoundedChannelOptions(256) { SingleReader = true });
        var producers = selections.Select(s => Task.Run(async () =>
        {
            await foreach (var e in ExpertRunner.RunAsync(experts.Find(s.Expert), s.Expert,
                               new ExpertRequest(turn, s.Instruction, inputs), telemetry, linked.Token))
            {
                await channel.Writer.WriteAsync(e, linked.Token);
            }
        }, linked.Token)).ToArray();

        var completion = Task.WhenAll(producers).ContinueWith(
            t => channel.Writer.TryComplete(t.Exception?.GetBaseException()),
            CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

        try
        {
            await foreach (var e in channel.Reader.ReadAllAsync(cancellationToken))
            {
                yield return e;
            }
        }
        finally
        {
            // The consumer stopped early or was cancelled: stop the producers and wait for them to let go.
            await linked.CancelAsync();
            try
            {
                await completion;
                await Task.WhenAll(producers);
            }
            catch (OperationCanceledException)
            {
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Gate {Gate} selected {Experts} in {Milliseconds} ms")]
    private static partial void LogRouted(ILogger logger, string gate, string experts, double milliseconds);
}
