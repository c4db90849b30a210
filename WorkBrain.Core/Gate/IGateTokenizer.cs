namespace WorkBrain.Core.Gate;

/// <summary>Turns one request into the gate model's token ids.</summary>
internal interface IGateTokenizer
{
    long PadId { get; }

    /// <summary>Writes at most <paramref name="ids"/>.Length ids and returns how many it wrote.</summary>
    int Encode(string text, Span<long> ids);
}
