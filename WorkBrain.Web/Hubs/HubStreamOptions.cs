namespace WorkBrain.Web.Hubs;

/// <summary>How <see cref="BrainHub"/> streams answers.</summary>
public sealed class HubStreamOptions
{
    public const string Section = "Hub";

    /// <summary>Text deltas of one expert that are already queued for a client that fell behind go out as one
    /// <c>text_delta</c> with <c>events</c> = how many it joins (see the README's hub protocol); false sends one message
    /// per delta, for clients written before <c>events</c> that resume with <c>Watch</c> from a count of messages.</summary>
    public bool MergeQueuedDeltas { get; set; } = true;
}
