using System.Text;
using WorkBrain.Core.Events;
using WorkBrain.Core.Experts;

namespace WorkBrain.Web.Api;

/// <summary>How an answer's events read as plain chat text for API clients: text as it is, images and audio as
/// Markdown links, citations as footnotes, a failed expert as a quoted note. With several experts answering, each
/// one's output is one section under its name: the first expert to write is streamed as it writes, the others are
/// held and appended whole as they finish, so sections never interleave.</summary>
internal sealed class BrainEventText(ExpertCatalog experts)
{
    private readonly List<string> _order = [];
    private readonly Dictionary<string, StringBuilder> _held = new(StringComparer.Ordinal);
    private readonly HashSet<string> _finished = new(StringComparer.Ordinal);
    private readonly HashSet<string> _shown = new(StringComparer.Ordinal);
    private string? _streaming;
    private int _experts;

    public string? Render(BrainEvent e)
    {
        switch (e)
        {
            case Routed r:
                _experts = r.Decision.Selected.Count;
                return null;
            case ExpertFinished f:
                return Finish(f.Expert);
            case ExpertFailed f:
                return Write(f.Expert, $"\n\n> {experts.DisplayName(f.Expert)} failed: {f.Message}\n\n") + Finish(f.Expert);
            case Completed:
                return Flush(all: true);
        }

        var piece = e switch
        {
            TextDelta d => d.Text,
            ImageReady i => $"\n\n![{i.Caption ?? "image"}]({i.Url})\n\n",
            AudioReady a => $"\n\n[audio]({a.Url})\n\n",
            Citation c => $"\n[{c.Number}] {c.Document}, {c.Anchor}",
            _ => null,
        };
        return piece is null || e is not ExpertEvent x ? null : Write(x.Expert, piece);
    }

    private string Write(string expert, string piece)
    {
        _streaming ??= expert;
        if (expert == _streaming)
        {
            return Header(expert) + piece;
        }

        if (!_held.TryGetValue(expert, out var held))
        {
            _held[expert] = held = new StringBuilder();
            _order.Add(expert);
        }

        held.Append(piece);
        return "";
    }

    private string Finish(string expert)
    {
        _finished.Add(expert);
        if (expert != _streaming)
        {
            return "";
        }

        _streaming = null;
        return Flush(all: false);
    }

    /// <summary>Appends the held sections of experts that are done, in the order they started writing, up to the first
    /// one still writing, which becomes the one streamed (or everything, at the end).</summary>
    private string Flush(bool all)
    {
        var text = new StringBuilder();
        while (_order.Count > 0)
        {
            var expert = _order[0];
            text.Append(Header(expert)).Append(_held[expert]);
            _held.Remove(expert);
            _order.RemoveAt(0);
            if (!all && !_finished.Contains(expert))
            {
                _streaming = expert;
                break;
            }
        }

        return text.ToString();
    }

    /// <summary>With several experts answering, each one's section starts under its name, once.</summary>
    private string Header(string expert)
    {
        if (_experts <= 1 || !_shown.Add(expert))
        {
            return "";
        }

        return (_shown.Count == 1 ? "" : "\n\n") + $"**{experts.DisplayName(expert)}**\n\n";
    }
}
