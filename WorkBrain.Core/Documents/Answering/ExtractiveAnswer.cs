namespace WorkBrain.Core.Documents.Answering;

/// <summary>The sentence that best answers a question, from passage <paramref name="PassageIndex"/> (0-based), and the
/// answer span within it (the whole sentence when no narrower span is found).</summary>
public sealed record ExtractiveAnswer(int PassageIndex, string Sentence, int SpanStart, int SpanLength)
{
    public string Span => Sentence.Substring(SpanStart, SpanLength);

    /// <summary>The sentence with the span in **bold**.</summary>
    public string Highlighted => SpanLength == 0 ? Sentence
        : $"{Sentence[..SpanStart]}**{Span}**{Sentence[(SpanStart + SpanLength)..]}";
}
