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
/// Routes a turn with the gate and runs the plan as the experts' descriptions (<see cref="ExpertCatalog"/>) say: speech in
/// attachments is transcribed first and becomes the text, independent experts run concurrently (with those the gate
/// cannot score added by attachment evidence), and the experts that read text (tts) read what the text experts wrote:
/// sentence by sentence while text_generation is still writing when the reader can read a stream, else once they are done.
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

        var catalog = experts.Catalog;

        // Experts that transcribe attachments (asr) run before routing: what they hear becomes the turn's text.
        var transcribers = catalog.All.Where(d => d.Stage == ExpertStage.BeforeRouting && turn.Attachments.Any(a => d.TakesEvidence(a.Kind))).ToList();
        if (transcribers.Count > 0)
        {
            string? transcript = null;
            foreach (var transcriber in transcribers)
            {
                await foreach (var e in ExpertRunner.RunAsync(experts.Find(transcriber.Id), transcriber.Id, catalog,
                                   ExpertRequest.For(turn, turn.Text), telemetry, logger, cancellationToken))
                {
                    Count(e, ref run, ref failed);
                    if (e is Transcribed t)
                    {
                        transcript = string.IsNullOrWhiteSpace(transcript) ? t.Text : transcript + " " + t.Text;
                    }

                    yield return e;
                }
            }

            if (!string.IsNullOrWhiteSpace(transcript))
            {
                turn = turn with { Text = string.IsNullOrWhiteSpace(turn.Text) ? transcript : turn.Text + "\n" + transcript };
            }
            else if (string.IsNullOrWhiteSpace(turn.Text) && turn.Attachments.All(a => transcribers.Any(d => d.TakesEvidence(a.Kind))))
            {
                // Nothing was heard and nothing else was sent: there is no request to route (asr said why).
                yield return new Completed(new TurnStats(clock.Elapsed.TotalMilliseconds, 0, run, failed, false));
                yield break;
            }
        }

        var decision = forcedExperts is { Count: > 0 }
            ? Forced(forcedExperts, turn.Text)
            : WithEvidence(await gate.RouteAsync(turn, cancellationToken), turn);
        decision = WithReadAloud(decision, turn);
        telemetry.RecordGate(decision);
        LogRouted(logger, decision.Gate, string.Join(",", decision.Selected.Select(s => s.Expert)), decision.ElapsedMilliseconds);
        yield return new Routed(decision);

        // Transcribers already ran on the attachments; the experts that read text (tts) wait for it.
        var firstWave = decision.Selected
            .Where(s => catalog.StageOf(s.Expert) switch
            {
                ExpertStage.AfterText => false,
                ExpertStage.BeforeRouting => !transcribers.Any(d => d.Id == s.Expert),
                _ => true,
            })
            .ToList();
        var afterText = new List<ExpertSelection>();
        var jobs = Jobs(firstWave, turn);
        var textIndex = jobs.FindIndex(j => j.Id == ExpertIds.TextGeneration && j.Expert is not null);
        foreach (var reading in decision.Selected.Where(s => catalog.StageOf(s.Expert) == ExpertStage.AfterText))
        {
            if (textIndex >= 0 && experts.Find(reading.Expert) is ITextStreamReader reader)
            {
                // Speak while the text is written: the text expert's deltas feed the reader as they come.
                var text = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
                jobs[textIndex] = jobs[textIndex] with { Expert = new TextTeeExpert(jobs[textIndex].Expert!, text.Writer) };
                jobs.Add(new Job(reading.Expert, new TextStreamReaderExpert(reader, text.Reader), new ExpertRequest(turn, reading.Instruction, new Dictionary<string, string>())));
                textIndex = -1;
            }
            else
            {
                afterText.Add(reading);
            }
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

        if (afterText.Count > 0)
        {
            var inputs = outputs.ToDictionary(kv => kv.Key, kv => kv.Value.ToString(), StringComparer.Ordinal);
            var readers = afterText.Select(s => new Job(s.Expert, experts.Find(s.Expert), new ExpertRequest(turn, s.Instruction, inputs))).ToList();
            await foreach (var e in MergeAsync(readers, cancellationToken))
            {
                Count(e, ref run, ref failed);
                yield return e;
            }
        }

        yield return new Completed(new TurnStats(clock.Elapsed.TotalMilliseconds, decision.ElapsedMilliseconds, run, failed, false));
    }

    private GateDecision Forced(IReadOnlyList<string> forced, string text)
    {
        var scores = experts.Catalog.All.ToDictionary(d => d.Id, d => forced.Contains(d.Id) ? 1f : 0f, StringComparer.Ordinal);
        return new GateDecision(scores, forced.Select(id => new ExpertSelection(id, 1f, text)).ToList(), "user", 0);
    }

    /// <summary>Adds the experts the gate cannot score (added ones outside the trained gate's output set) that an attachment
    /// of the turn points at strongly enough.</summary>
    private GateDecision WithEvidence(GateDecision decision, Turn turn)
    {
        var added = experts.Catalog.All
            .Where(d => d.Stage == ExpertStage.WithOthers && d.EvidenceStrength >= 0.5f && !decision.Scores.ContainsKey(d.Id)
                        && !decision.Selects(d.Id) && turn.Attachments.Any(a => d.TakesEvidence(a.Kind)))
            .ToList();
        if (added.Count == 0)
        {
            return decision;
        }

        var scores = new Dictionary<string, float>(decision.Scores, StringComparer.Ordinal);
        foreach (var d in added)
        {
            scores[d.Id] = d.EvidenceStrength;
        }

        return decision with { Scores = scores, Selected = [.. decision.Selected, .. added.Select(d => new ExpertSelection(d.Id, d.EvidenceStrength, turn.Text))] };
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
    private GateDecision WithReadAloud(GateDecision decision, Turn turn)
    {
        if (!turn.ReadAloud || decision.Selected.Any(s => s.Expert == ExpertIds.Tts) || !decision.Selected.Any(s => experts.Catalog.WritesText(s.Expert)))
        {
            return decision;
        }

        return decision with { Selected = [.. decision.Selected, new ExpertSelection(ExpertIds.Tts, 1f, turn.Text)] };
    }

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
            await foreach (var e in ExpertRunner.RunAsync(only.Expert, only.Id, experts.Catalog, only.Request, telemetry, logger, cancellationToken))
            {
                yield return e;
            }

            yield break;
        }

        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var channel = Channel.CreateBounded<BrainEvent>(new BoundedChannelOptions(256) { SingleReader = true });
        var producers = jobs.Select(j => Task.Run(async () =>
        {
            await foreach (var e in ExpertRunner.RunAsync(j.Expert, j.Id, experts.Catalog, j.Request, telemetry, logger, linked.Token))
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
