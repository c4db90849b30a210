using WorkBrain.Core.Turns;

namespace WorkBrain.Web.Components.Pages.Chat;

/// <summary>What the user sends: text, files, or both.</summary>
public sealed record ChatSubmission(string Text, IReadOnlyList<Attachment> Attachments);
