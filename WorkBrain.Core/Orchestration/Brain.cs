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
/// independent experts run concurrently, and tts reads what the text experts wrote: sentence by sentence while
/// text_generation is still writing when the tts expert can read a stream, else once they are done.
/// A turn marked <see cref="Turn.ReadAloud"/> gets tts added to whatever the gate chose for text.
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
                               ExpertRequest.For(turn, turn.Text), telemetry, logger, cancellationToken))
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
            else if (string.IsNullOrWhiteSpace(turn.Text) && turn.Attachments.All(a => a.Kind == AttachmentKind.Audio))
            {
                // Nothing was heard and nothing else was sent: there is no request to route (asr said why).
                yield return new Completed(new TurnStats(clock.Elapsed.TotalMilliseconds, 0, run, failed, false));
                yield break;
            }
        }

        var decision = forcedExperts is { Count: > 0 }
            ? Forced(forcedExperts, turn.Text)
            : await gate.RouteAsync(turn, cancellationToken);
        decision = WithReadAloud(decision, turn);
        telemetry.RecordGate(decision);
        LogRouted(logger, decision.Gate, string.Join(",", decision.Selected.Select(s => s.Expert)), decision.ElapsedMilliseconds);
        yield return new Routed(decision);

        // asr already ran on the attachments; tts waits for the text it reads.
        var firstWave = decision.Selected
            .Where(s => s.Expert != ExpertIds.Tts && !(s.Expert == ExpertIds.Asr && turn.Has(AttachmentKind.Audio)))
            .ToList();
        var tts = decision.Selected.FirstOrDefault(s => s.Expert == ExpertIds.Tts);
        var jobs = Jobs(firstWave, turn);
        var textIndex = jobs.FindIndex(j => j.Id == ExpertIds.TextGeneration && j.Expert is not null);
        if (tts is not null && textIndex >= 0 && experts.Find(ExpertIds.Tts) is ITextStreamReader reader)
        {
            // Speak while the text is written: the text expert's deltas feed the reader as they come.
            var text = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
            jobs[textIndex] = jobs[textIndex] with { Expert = new TextTeeExpert(jobs[textIndex].Expert!, text.Writer) };
            jobs.Add(new Job(ExpertIds.Tts, new TextStreamReaderExpert(reader, text.Reader), new ExpertRequest(turn, tts.Instruction, new Dictionary<string, string>())));
            tts = null;
        }

        await foreach (var e in MergeAsync(jobs, cancellationToken))
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
            await foreach (var e in MergeAsync([new Job(ExpertIds.Tts, experts.Find(ExpertIds.Tts), new ExpertRequest(turn, tts.Instruction, inputs))], cancellationToken))
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

    /// <summary>Adds tts for a turn to be read aloud when an expert that writes text was chosen and tts was not.</summary>
    private static GateDecision WithReadAloud(GateDecision decision, Turn turn)
    {
        if (!turn.ReadAloud || decision.Selected.Any(s => s.Expert == ExpertIds.Tts) || !decision.Selected.Any(s => TextWriters.Contains(s.Expert)))
        {
            return decision;
        }

        return decision with { Selected = [.. decision.Selected, new ExpertSelection(ExpertIds.Tts, 1f, turn.Text)] };
    }

    private static readonly HashSet<string> TextWriters =
    [
        ExpertIds.TextGeneration, ExpertIds.DocumentQa, ExpertIds.ImageUnderstanding, ExpertIds.VideoUnderstanding, ExpertIds.ExternalServices,
    ];

    private sealed record Job(string Id, IExpert? Expert, ExpertRequest Request);

    private List<Job> Jobs(IReadOnlyList<ExpertSelection> selections, Turn turn) =>
        selections.Select(s => new Job(s.Expert, experts.Find(s.Expert), new ExpertRequest(turn,
            // Sub-instructions split a compound request; a text model answering alone reads the user's own words.
            selections.Count == 1 && s.Expert == ExpertIds.TextGeneration && !string.IsNullOrWhiteSpace(turn.Text) ? turn.Text : s.Instruction,
            new Dictionary<string, string>()))).ToList();

    /// <summary>Runs the experts concurrently and yields their events as they come, through one bounded channel.</summary>
    private async IAsyncEnumerable<BrainEvent> MergeAsync(
        IReadOnlyList<Job> jobs,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (jobs.Count == 0)
        {
            yield break;
        }

        if (jobs.Count == 1)
        {
            var only = jobs[0];
            await foreach (var e in ExpertRunner.RunAsync(only.Expert, only.Id, only.Request, telemetry, logger, cancellationToken))
            {
                yield return e;
            }

            yield break;
        }

        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var channel = Channel.CreateBounded<BrainEvent>(new BoundedChannelOptions(256) { SingleReader = true });
        var producers = jobs.Select(j => Task.Run(async () =>
        {
            await foreach (var e in ExpertRunner.RunAsync(j.Expert, j.Id, j.Request, telemetry, logger, linked.Token))
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
