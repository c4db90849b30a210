using WorkBrain.Core.Gate;
using WorkBrain.Web.Conversations;

namespace WorkBrain.Web.Hubs;

public sealed record MessageDto(string Id, string Role, string Status, string Text, GateDecision? Decision, IReadOnlyList<ExpertPartDto> Experts)
{
    public static MessageDto From(MessageView m) => new(
        m.Id, m.Role, m.Status, m.IsUser ? m.Text : m.AnswerText, m.Decision,
        m.Sections.Select(s => new ExpertPartDto(s.Expert, s.Text, s.Error, s.Images.Select(i => i.Url).ToList(), s.Audio.Select(a => a.Url).ToList())).ToList());
}

public sealed record ExpertPartDto(string Expert, string Text, string? Error, IReadOnlyList<string> Images, IReadOnlyList<string> Audio);
