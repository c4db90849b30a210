namespace WorkBrain.Core.Documents.Parsing;

/// <summary>Counts the characters a parser extracts and stops it at the document's limit.</summary>
internal sealed class TextBudget(int maxCharacters)
{
    public long Used { get; private set; }

    public void Take(int characters)
    {
        Used += characters;
        ParseLimits.Check(Used, maxCharacters, "characters of text");
    }
}
