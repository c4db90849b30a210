namespace WorkBrain.Web.Conversations.Feedback;

/// <summary>One "re-run on" choice: the user's request and the experts the user picked for it.</summary>
public sealed record RoutingFeedback(string Text, IReadOnlyList<string> Labels);
