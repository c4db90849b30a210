using System.Text;

namespace WorkBrain.Core.Text.Local;

/// <summary>
/// Holds back streamed text that could be the start of a stop sequence, so that a stop sequence never reaches the user
/// even when it arrives split across tokens.
/// </summary>
internal sealed class StopSequenceFilter(IReadOnlyList<string> stops)
{
    private readonly StringBuilder _pending = new();

    public bool Stopped { get; private set; }

    /// <summary>Adds new text; returns what can be shown now (possibly empty).</summary>
    public string Push(string text)
    {
        if (Stopped)
        {
            return "";
        }

        _pending.Append(text);
        if (stops.Count == 0)
        {
            return Drain(_pending.Length);
        }

        var pending = _pending.ToString();
        var cut = -1;
        foreach (var stop in stops)
        {
            var at = pending.IndexOf(stop, StringComparison.Ordinal);
            if (at >= 0 && (cut < 0 || at < cut))
            {
                cut = at;
            }
        }

        if (cut >= 0)
        {
            Stopped = true;
            var shown = pending[..cut];
            _pending.Clear();
            return shown;
        }

        var hold = 0;
        foreach (var stop in stops)
        {
            for (var len = Math.Min(stop.Length - 1, pending.Length); len > hold; len--)
            {
                if (pending.AsSpan(pending.Length - len).SequenceEqual(stop.AsSpan(0, len)))
                {
                    hold = len;
                    break;
                }
            }
        }

        return Drain(pending.Length - hold);
    }

    /// <summary>The text held back at the end of the generation.</summary>
    public string Flush() => Stopped ? "" : Drain(_pending.Length);

    private string Drain(int count)
    {
        var shown = _pending.ToString(0, count);
        _pending.Remove(0, count);
        return shown;
    }
}
