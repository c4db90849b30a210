using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using WorkBrain.Core.Experts;
using WorkBrain.Core.Turns;

namespace WorkBrain.Core.Gate;

/// <summary>
/// The trained gate: a multi-label network in ONNX Runtime. The whole request and, when it is compound, each of its
/// clauses are scored in one batch; a clause's most probable expert counts for the request too, and each selected
/// expert is given the clause(s) that chose it as its instruction. Each expert has its own threshold (calibrated on the
/// dev split, see <see cref="GateThresholds"/>). text_generation stays beside a specialist only when a clause asks for
/// writing (its most probable expert is text_generation) or when its probability for the whole request reaches the
/// join threshold. Attachments are evidence: audio → asr, image → image_understanding, video → video_understanding,
/// document → document_qa; so is what <see cref="IGateEvidence"/> finds (the user's library).
/// </summary>
public sealed partial class OnnxGate : IGate, IDisposable
{
    /// <summary>How strongly an attachment of each kind points at its expert (combined as a noisy-or).</summary>
    internal const float AudioEvidence = ExpertDescriptors.AudioEvidence;
    internal const float FileEvidence = ExpertDescriptors.FileEvidence;

    /// <summary>A clause's most probable expert counts above this even where that expert's own threshold is higher: a clause
    /// is short and its top expert is already a choice among eight (as decide.py in models/gate).</summary>
    internal const float ClauseThreshold = 0.5f;

    /// <summary>How far above its threshold strong evidence puts an expert.</summary>
    internal const float StrongEvidenceMargin = 0.1f;

    /// <summary>With an image, video or document attached, plain chat is less likely what is asked.</summary>
    internal const float TextDampingWithFile = 0.5f;

    private readonly GateModel _model;
    private readonly IOptionsMonitor<GateOptions> _options;
    private readonly IReadOnlyList<IGateEvidence> _evidence;
    private readonly ILogger _logger;

    internal OnnxGate(GateModel model, IOptionsMonitor<GateOptions> options, IEnumerable<IGateEvidence>? evidence = null, ILogger? logger = null)
    {
        _model = model;
        _options = options;
        _evidence = evidence?.ToList() ?? [];
        _logger = logger ?? NullLogger.Instance;
        Name = model.Config.Tokenizer == "wordpiece" ? "bert-gate" : "textcnn-gate";
    }

    public static OnnxGate Load(
        string gateJsonPath, IOptionsMonitor<GateOptions> options, IEnumerable<IGateEvidence>? evidence = null, ILogger? logger = null,
        Engines.Onnx.OnnxSessionFactory? sessions = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new OnnxGate(new GateModel(GateModelConfig.Load(gateJsonPath), sessions), options, evidence, logger);
    }

    public string Name { get; }

    internal GateModelConfig Config => _model.Config;

    public async ValueTask<GateDecision> RouteAsync(Turn turn, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turn);
        cancellationToken.ThrowIfCancellationRequested();
        var start = Stopwatch.GetTimestamp();
        var scored = Score(turn);
        var decision = Decide(scored, [], start);
        if (_evidence.Count == 0 || turn.Has(AttachmentKind.Document) || string.IsNullOrWhiteSpace(turn.Text)
            || !decision.Selected.All(s => s.Expert is ExpertIds.TextGeneration or ExpertIds.ExternalServices))
        {
            return decision;
        }

        var found = new List<GateEvidence>();
        foreach (var source in _evidence)
        {
            found.AddRange(await source.FindAsync(turn, cancellationToken));
        }

        foreach (var e in found)
        {
            LogEvidence(_logger, e.Expert, e.Strength, e.Reason);
        }

        return found.Count == 0 ? decision : Decide(scored, found, start);
    }

    /// <summary>Every expert's probability for a text as the network sees it, without clauses or attachments.</summary>
    public IReadOnlyDictionary<string, float> Score(string text)
    {
        var p = _model.Score([text]);
        return ExpertIds.All.Select((id, i) => (id, i)).ToDictionary(x => x.id, x => p[x.i], StringComparer.Ordinal);
    }

    private sealed record Scored(Turn Turn, string Text, IReadOnlyList<string> Clauses, float[] P, float[] Thresholds, float Join, GateOptions Options);

    private Scored Score(Turn turn)
    {
        var options = _options.CurrentValue;
        var text = turn.Text ?? "";
        var clauses = ClauseSplitter.Split(text);
        var batch = new List<string>(clauses.Count + 1) { text };
        if (clauses.Count > 1)
        {
            batch.AddRange(clauses);
        }

        return new Scored(turn, text, clauses, _model.Score(batch), GateThresholds.For(_model.Config, options),
            GateThresholds.Join(_model.Config, options), options);
    }

    private GateDecision Decide(Scored s, IReadOnlyList<GateEvidence> found, long start)
    {
        var experts = ExpertIds.All.Count;
        var compound = s.Clauses.Count > 1;
        var thresholds = s.Thresholds;
        var scores = s.P.AsSpan(0, experts).ToArray();
        var textClause = false;
        if (compound)
        {
            for (var c = 0; c < s.Clauses.Count; c++)
            {
                var row = s.P.AsSpan((c + 1) * experts, experts);
                var top = ArgMax(row);
                if (row[top] > Math.Min(thresholds[top], ClauseThreshold))
                {
                    scores[top] = Math.Max(scores[top], row[top]);
                    textClause |= top == 0;
                }
            }
        }

        AddEvidence(s.Turn, found, scores, thresholds);
        var keepText = textClause || scores[0] >= s.Join;
        var text = s.Text;

        string InstructionFor(string expert)
        {
            if (!compound)
            {
                return InstructionCleaner.Clean(text);
            }

            var e = ExpertIds.IndexOf(expert);
            var cjk = HasCjk(text);
            var mine = new List<string>();
            for (var c = 0; c < s.Clauses.Count; c++)
            {
                if (s.P[((c + 1) * experts) + e] > Math.Min(thresholds[e], ClauseThreshold))
                {
                    var instruction = InstructionCleaner.Clean(s.Clauses[c]);

                    // A picture is drawn alongside the other experts, so "配一张图" needs to know what to draw.
                    if (expert == ExpertIds.ImageGeneration && FollowUpContext.IsFollowUp(instruction, cjk))
                    {
                        instruction = FollowUpContext.Add(instruction, text, s.Clauses, c, cjk);
                    }

                    mine.Add(instruction);
                }
            }

            return mine.Count == 0 ? InstructionCleaner.Clean(text) : string.Join(cjk ? "；" : "; ", mine);
        }

        var elapsed = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        var decision = GateSelection.Decide(scores, thresholds, InstructionFor, s.Options.MaxExperts, keepText, Name, elapsed);
        return decision with { Unsure = GateSelection.IsUnsure(scores, thresholds, s.Options.UnsureMargin) };
    }

    private static void AddEvidence(Turn turn, IReadOnlyList<GateEvidence> found, float[] scores, float[] thresholds)
    {
        var damp = false;
        foreach (var attachment in turn.Attachments)
        {
            // The built-in experts' descriptions say which kind points where; an expert outside the network's outputs
            // gets no score here (the Brain adds it by the same evidence).
            foreach (var d in ExpertDescriptors.BuiltIn.Where(d => d.TakesEvidence(attachment.Kind)))
            {
                Combine(scores, thresholds, d.Id, d.EvidenceStrength);
            }

            damp |= attachment.Kind != AttachmentKind.Audio;
        }

        foreach (var e in found)
        {
            Combine(scores, thresholds, e.Expert, e.Strength);
            damp |= e.Expert != ExpertIds.TextGeneration && e.Strength > 0;
        }

        if (damp)
        {
            scores[0] *= TextDampingWithFile;
        }
    }

    /// <summary>Noisy-or of the network's probability and the evidence; strong evidence (0.5 or more) always clears the
    /// expert's own threshold, however high calibration set it.</summary>
    private static void Combine(float[] scores, float[] thresholds, string expert, float evidence)
    {
        var i = ExpertIds.IndexOf(expert);
        if (i >= 0)
        {
            var e = Math.Clamp(evidence, 0f, 1f);
            scores[i] = 1f - ((1f - scores[i]) * (1f - e));
            if (e >= 0.5f)
            {
                scores[i] = Math.Max(scores[i], Math.Min(1f, thresholds[i] + StrongEvidenceMargin));
            }
        }
    }

    private static int ArgMax(ReadOnlySpan<float> row)
    {
        var best = 0;
        for (var i = 1; i < row.Length; i++)
        {
            if (row[i] > row[best])
            {
                best = i;
            }
        }

        return best;
    }

    private static bool HasCjk(string text) => text.Any(ch => ch is >= '\u3400' and <= '\u9fff');

    [LoggerMessage(Level = LogLevel.Debug, Message = "Gate evidence for {Expert} ({Strength:0.00}): {Reason}.")]
    private static partial void LogEvidence(ILogger logger, string expert, float strength, string reason);

    public void Dispose() => _model.Dispose();
}
