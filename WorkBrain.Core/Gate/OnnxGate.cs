using System.Diagnostics;
using Microsoft.Extensions.Options;
using WorkBrain.Core.Experts;
using WorkBrain.Core.Turns;

namespace WorkBrain.Core.Gate;

/// <summary>
/// The trained gate: a multi-label network in ONNX Runtime. The whole request and, when it is compound, each of its
/// clauses are scored in one batch; a clause's most probable expert counts for the request too, and each selected
/// expert is given the clause(s) that chose it as its instruction. Attachments are evidence: audio → asr,
/// image → image_understanding, video → video_understanding, document → document_qa.
/// </summary>
public sealed class OnnxGate : IGate, IDisposable
{
    /// <summary>How strongly an attachment of each kind points at its expert (combined as a noisy-or).</summary>
    internal const float AudioEvidence = 0.9f;
    internal const float FileEvidence = 0.7f;

    /// <summary>With an image, video or document attached, plain chat is less likely what is asked.</summary>
    internal const float TextDampingWithFile = 0.5f;

    private readonly GateModel _model;
    private readonly IOptionsMonitor<GateOptions> _options;

    internal OnnxGate(GateModel model, IOptionsMonitor<GateOptions> options)
    {
        _model = model;
        _options = options;
        Name = model.Config.Tokenizer == "wordpiece" ? "bert-gate" : "textcnn-gate";
    }

    public static OnnxGate Load(string gateJsonPath, IOptionsMonitor<GateOptions> options, Engines.Onnx.OnnxSessionFactory? sessions = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new OnnxGate(new GateModel(GateModelConfig.Load(gateJsonPath), sessions), options);
    }

    public string Name { get; }

    public ValueTask<GateDecision> RouteAsync(Turn turn, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turn);
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(Route(turn));
    }

    /// <summary>Every expert's probability for a text as the network sees it, without clauses or attachments.</summary>
    public IReadOnlyDictionary<string, float> Score(string text)
    {
        var p = _model.Score([text]);
        return ExpertIds.All.Select((id, i) => (id, i)).ToDictionary(x => x.id, x => p[x.i], StringComparer.Ordinal);
    }

    internal GateDecision Route(Turn turn)
    {
        var start = Stopwatch.GetTimestamp();
        var options = _options.CurrentValue;
        var text = turn.Text ?? "";
        var experts = ExpertIds.All.Count;
        var clauses = ClauseSplitter.Split(text);
        var compound = clauses.Count > 1;
        var batch = new List<string>(clauses.Count + 1) { text };
        if (compound)
        {
            batch.AddRange(clauses);
        }

        var p = _model.Score(batch);
        var scores = p.AsSpan(0, experts).ToArray();
        if (compound)
        {
            for (var c = 0; c < clauses.Count; c++)
            {
                var row = p.AsSpan((c + 1) * experts, experts);
                var top = ArgMax(row);
                if (row[top] > options.Threshold)
                {
                    scores[top] = Math.Max(scores[top], row[top]);
                }
            }
        }

        AddEvidence(turn, scores);

        string InstructionFor(string expert)
        {
            if (!compound)
            {
                return InstructionCleaner.Clean(text);
            }

            var e = ExpertIds.IndexOf(expert);
            var cjk = HasCjk(text);
            var mine = new List<string>();
            for (var c = 0; c < clauses.Count; c++)
            {
                if (p[((c + 1) * experts) + e] > options.Threshold)
                {
                    var instruction = InstructionCleaner.Clean(clauses[c]);

                    // A picture is drawn alongside the other experts, so "配一张图" needs to know what to draw.
                    if (expert == ExpertIds.ImageGeneration && FollowUpContext.IsFollowUp(instruction, cjk))
                    {
                        instruction = FollowUpContext.Add(instruction, text, clauses, c, cjk);
                    }

                    mine.Add(instruction);
                }
            }

            return mine.Count == 0 ? InstructionCleaner.Clean(text) : string.Join(cjk ? "；" : "; ", mine);
        }

        var elapsed = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        return GateSelection.Decide(scores, InstructionFor, options, Name, elapsed);
    }

    private static void AddEvidence(Turn turn, float[] scores)
    {
        var damp = false;
        foreach (var attachment in turn.Attachments)
        {
            var (expert, evidence) = attachment.Kind switch
            {
                AttachmentKind.Audio => (ExpertIds.Asr, AudioEvidence),
                AttachmentKind.Image => (ExpertIds.ImageUnderstanding, FileEvidence),
                AttachmentKind.Video => (ExpertIds.VideoUnderstanding, FileEvidence),
                _ => (ExpertIds.DocumentQa, FileEvidence),
            };
            var i = ExpertIds.IndexOf(expert);
            scores[i] = 1f - ((1f - scores[i]) * (1f - evidence));
            damp |= attachment.Kind != AttachmentKind.Audio;
        }

        if (damp)
        {
            scores[0] *= TextDampingWithFile;
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

    public void Dispose() => _model.Dispose();
}
