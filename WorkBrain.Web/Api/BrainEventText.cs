using WorkBrain.Core.Events;
using WorkBrain.Core.Experts;

namespace WorkBrain.Web.Api;

/// <summary>How an answer's events read as plain chat text for API clients: text as it is, images and audio as
/// Markdown links, citations as footnotes, a failed expert as a quoted note.</summary>
internal sealed class BrainEventText
{
    private string? _lastExpert;
    private int _experts;

    public string? Render(BrainEvent e)
    {
        return e switch
        {
            Routed r => Count(r),
            TextDelta d => Switch(d.Expert) + d.Text,
            ImageReady i => Switch(i.Expert) + $"\n\n![{i.Caption ?? "image"}]({i.Url})\n\n",
            AudioReady a => Switch(a.Expert) + $"\n\n[audio]({a.Url})\n\n",
            Citation c => $"\n[{c.Number}] {c.Document}, {c.Anchor}",
            ExpertFailed f => $"\n\n> {ExpertIds.DisplayName(f.Expert)} failed: {f.Message}\n\n",
            _ => null,
        };
    }

    private string? Count(Routed r)
    {
        _experts = r.Decision.Selected.Count;
        return null;
    }

    /// <summary>With several experts answering, each one's output starts under its name.</summary>
    private string Switch(string expert)
    {
        if (_experts <= 1 || expert == _lastExpert)
        {
            return "";
        }

        var first = _lastExpert is null;
        _lastExpert = expert;
        return (first ? "" : "\n\n") + $"**{ExpertIds.DisplayName(expert)}**\n\n";
    }
}
