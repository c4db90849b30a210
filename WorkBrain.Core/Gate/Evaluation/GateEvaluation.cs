using System.Globalization;
using WorkBrain.Core.Experts;

namespace WorkBrain.Core.Gate.Evaluation;

/// <summary>One expert's figures: precision, recall and F1 over the requests, how many requests expected it (support)
/// and how many selected it.</summary>
public sealed record ExpertScore(string Expert, double Precision, double Recall, double F1, int Support, int Selected);

/// <summary>A request whose selected experts differ from the expected ones.</summary>
public sealed record Misroute(string Text, IReadOnlyList<string> Expected, IReadOnlyList<string> Selected, string Gate);

/// <summary>
/// The gate measured against expected expert sets: exact-set accuracy (the selected set equals the expected one), per-expert
/// precision/recall/F1, macro-F1 (the mean F1 of the experts that were expected or selected at least once), a confusion
/// table (rows: an expected expert; columns: what the requests expecting it selected, plus "missed" when it was not
/// selected; the last row counts selections nobody expected) and the misrouted requests. Used by <c>route --eval</c> and
/// by /admin for the routing feedback users gave.
/// </summary>
public sealed class GateEvaluation
{
    private static readonly Dictionary<string, string> ShortNames = new(StringComparer.Ordinal)
    {
        [ExpertIds.TextGeneration] = "TG", [ExpertIds.ImageGeneration] = "IG", [ExpertIds.ImageUnderstanding] = "IU",
        [ExpertIds.VideoUnderstanding] = "VU", [ExpertIds.Asr] = "ASR", [ExpertIds.Tts] = "TTS", [ExpertIds.DocumentQa] = "DQA",
        [ExpertIds.ExternalServices] = "EXT",
    };

    private readonly IReadOnlyList<string> _ids;
    private readonly int[] _tp;
    private readonly int[] _fp;
    private readonly int[] _fn;
    private readonly List<Misroute> _misrouted = [];
    private readonly Dictionary<string, int> _byGate = new(StringComparer.Ordinal);

    /// <param name="experts">The experts that may be expected or selected, in table order: the eight built in unless
    /// given (an <see cref="ExpertCatalog"/>'s ids include the added ones).</param>
    public GateEvaluation(IEnumerable<string>? experts = null)
    {
        _ids = experts?.Distinct(StringComparer.Ordinal).ToList() ?? ExpertIds.All;
        _tp = new int[_ids.Count];
        _fp = new int[_ids.Count];
        _fn = new int[_ids.Count];
        // rows: expected expert, then one row for unexpected selections; columns: selected expert, then "missed"
        Confusion = new int[_ids.Count + 1, _ids.Count + 1];
    }

    public int Count { get; private set; }

    public int Exact { get; private set; }

    public int MultiExpert { get; private set; }

    public int[,] Confusion { get; }

    public IReadOnlyList<Misroute> Misrouted => _misrouted;

    /// <summary>How many requests each gate decided (the planner, the trained gate, …).</summary>
    public IReadOnlyDictionary<string, int> ByGate => _byGate;

    public double ExactSetAccuracy => Count == 0 ? 0 : (double)Exact / Count;

    public void Add(string text, IReadOnlyCollection<string> expected, IReadOnlyCollection<string> selected, string gate = "")
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(selected);
        var want = Indices(expected);
        var got = Indices(selected);
        Count++;
        MultiExpert += want.Count > 1 ? 1 : 0;
        _byGate[gate] = _byGate.GetValueOrDefault(gate) + 1;
        for (var i = 0; i < _ids.Count; i++)
        {
            var w = want.Contains(i);
            var g = got.Contains(i);
            _tp[i] += w && g ? 1 : 0;
            _fp[i] += !w && g ? 1 : 0;
            _fn[i] += w && !g ? 1 : 0;
        }

        foreach (var e in want)
        {
            foreach (var s in got)
            {
                Confusion[e, s]++;
            }

            if (!got.Contains(e))
            {
                Confusion[e, _ids.Count]++;
            }
        }

        foreach (var s in got.Where(s => !want.Contains(s)))
        {
            Confusion[_ids.Count, s]++;
        }

        if (want.SetEquals(got))
        {
            Exact++;
        }
        else
        {
            _misrouted.Add(new Misroute(text, Names(want), Names(got), gate));
        }
    }

    public IReadOnlyList<ExpertScore> PerExpert() => _ids.Select((id, i) =>
    {
        var p = _tp[i] + _fp[i] == 0 ? 0 : (double)_tp[i] / (_tp[i] + _fp[i]);
        var r = _tp[i] + _fn[i] == 0 ? 0 : (double)_tp[i] / (_tp[i] + _fn[i]);
        var f = p + r == 0 ? 0 : 2 * p * r / (p + r);
        return new ExpertScore(id, p, r, f, _tp[i] + _fn[i], _tp[i] + _fp[i]);
    }).ToList();

    /// <summary>The mean F1 of the experts that were expected or selected at least once.</summary>
    public double MacroF1
    {
        get
        {
            var seen = PerExpert().Where(e => e.Support + e.Selected > 0).ToList();
            return seen.Count == 0 ? 0 : seen.Average(e => e.F1);
        }
    }

    /// <summary>The figures as text: summary, per-expert table, confusion table and up to <paramref name="maxMisrouted"/> misrouted requests.</summary>
    public void WriteReport(TextWriter output, int maxMisrouted = 50)
    {
        ArgumentNullException.ThrowIfNull(output);
        var c = CultureInfo.InvariantCulture;
        output.WriteLine(string.Create(c, $"requests            {Count} ({MultiExpert} expecting several experts)"));
        output.WriteLine("decided by          " + string.Join(", ", _byGate.OrderByDescending(g => g.Value).Select(g => $"{g.Key} {g.Value}")));
        output.WriteLine(string.Create(c, $"exact-set accuracy  {ExactSetAccuracy:0.0000} ({Exact}/{Count})"));
        output.WriteLine(string.Create(c, $"macro-F1            {MacroF1:0.0000}"));
        output.WriteLine();
        output.WriteLine($"{"expert",-22} {"precision",9} {"recall",7} {"F1",7} {"support",8} {"selected",9}");
        foreach (var e in PerExpert())
        {
            output.WriteLine(string.Create(c, $"{e.Expert,-22} {e.Precision,9:0.0000} {e.Recall,7:0.0000} {e.F1,7:0.0000} {e.Support,8} {e.Selected,9}"));
        }

        output.WriteLine();
        string[] shortNames = [.. _ids.Select(id => ShortNames.GetValueOrDefault(id) ?? (id.Length > 6 ? id[..6] : id)), "missed"];
        output.WriteLine($"confusion: rows = expected expert, columns = selected ({string.Join(' ', shortNames[..^1])}), then missed; last row = selected but not expected");
        output.WriteLine($"{"",-6}" + string.Concat(shortNames.Select(n => $"{n,7}")));
        for (var row = 0; row <= _ids.Count; row++)
        {
            var label = row < _ids.Count ? shortNames[row] : "extra";
            var cells = Enumerable.Range(0, _ids.Count + 1).Select(col => row == _ids.Count && col == _ids.Count ? "" : Confusion[row, col].ToString(c));
            output.WriteLine($"{label,-6}" + string.Concat(cells.Select(v => $"{v,7}")));
        }

        output.WriteLine();
        output.WriteLine($"misrouted           {_misrouted.Count}" + (_misrouted.Count > maxMisrouted ? $" (first {maxMisrouted})" : ""));
        foreach (var m in _misrouted.Take(maxMisrouted))
        {
            output.WriteLine($"  {m.Text}\texpected {string.Join("+", m.Expected)}\tselected {string.Join("+", m.Selected)}");
        }
    }

    private HashSet<int> Indices(IReadOnlyCollection<string> ids)
    {
        var set = new HashSet<int>();
        foreach (var id in ids)
        {
            var i = IndexOf(id);
            if (i < 0)
            {
                throw new ArgumentException($"Unknown expert '{id}'.", nameof(ids));
            }

            set.Add(i);
        }

        return set;
    }

    private int IndexOf(string id)
    {
        for (var i = 0; i < _ids.Count; i++)
        {
            if (string.Equals(_ids[i], id, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    private List<string> Names(HashSet<int> set) => set.Order().Select(i => _ids[i]).ToList();
}
