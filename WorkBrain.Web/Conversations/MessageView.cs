using WorkBrain.Core.Events;
using WorkBrain.Core.Gate;
using WorkBrain.Core.Turns;
using WorkBrain.Web.Data;

namespace WorkBrain.Web.Conversations;

/// <summary>A message as the chat shows it: the user's words, or an answer folded from its events.
/// The same fold serves a live stream and a message loaded from the database.</summary>
public sealed class MessageView
{
    private readonly List<ExpertSection> _sections = [];

    public required string Id { get; init; }

    public required string Role { get; init; }

    public int Sequence { get; init; }

    public string Text { get; set; } = "";

    public string Status { get; set; } = MessageStatuses.Complete;

    public List<Attachment> Attachments { get; init; } = [];

    public GateDecision? Decision { get; set; }

    public TurnStats? Stats { get; set; }

    public string? ForcedExperts { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>Bumped on every change, so a component can tell whether it must re-render.</summary>
    public int Version { get; private set; }

    /// <summary>How many events were applied; a client that reconnects resumes after this many.</summary>
    public int EventCount { get; private set; }

    public IReadOnlyList<ExpertSection> Sections => _sections;

    /// <summary>Earlier answers to the same question (regenerated or re-run), oldest first.</summary>
    public List<MessageView> Versions { get; } = [];

    public bool IsUser => Role == MessageRoles.User;

    public bool IsStreaming => Status == MessageStatuses.Streaming;

    /// <summary>The text the experts wrote, text_generation first; used as history for the next turn.</summary>
    public string AnswerText => string.Join("\n\n", _sections.Where(s => s.TextLength > 0).Select(s => s.Text));

    public ExpertSection Section(string expert)
    {
        var section = _sections.FirstOrDefault(s => s.Expert == expert);
        if (section is null)
        {
            section = new ExpertSection(expert);
            _sections.Add(section);
        }

        return section;
    }

    public void Apply(BrainEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        switch (e)
        {
            case Routed r:
                Decision = r.Decision;
                break;
            case ExpertStarted s:
                Section(s.Expert).Instruction = s.Instruction;
                break;
            case TextDelta d:
                Section(d.Expert).AppendText(d.Text);
                break;
            case ImageReady i:
                var drawn = Section(i.Expert);
                drawn.Images.Add(i);
                drawn.Progress = null; // the image replaces its progress and preview
                break;
            case AudioReady a:
                Section(a.Expert).Audio.Add(a);
                break;
            case Citation c:
                Section(c.Expert).Citations.Add(c);
                break;
            case ToolCalled t:
                Section(t.Expert).Tools.Add(t);
                break;
            case TextRegions r:
                Section(r.Expert).Regions.Add(r);
                break;
            case MediaTimeline t:
                Section(t.Expert).Timelines.Add(t);
                break;
            case ExpertProgress p:
                Section(p.Expert).Progress = p;
                break;
            case Transcribed:
                break;
            case ExpertFinished f:
                var finished = Section(f.Expert);
                finished.Stats = f.Stats;
                finished.Progress = null;
                break;
            case ExpertFailed x:
                Section(x.Expert).Error = x.Message;
                break;
            case Completed c:
                Stats = c.Stats;
                break;
        }

        EventCount++;
        Version++;
    }

    public void Touch() => Version++;
}
