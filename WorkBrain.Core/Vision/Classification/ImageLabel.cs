namespace WorkBrain.Core.Vision.Classification;

/// <summary>One ImageNet class with its probability; <see cref="Name"/> is the first of its synonyms.</summary>
public sealed record ImageLabel(int Index, string Synonyms, float Probability)
{
    public string Name => Synonyms.Split(',')[0].Trim();
}
