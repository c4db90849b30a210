namespace WorkBrain.Core.Documents.Parsing;

/// <summary>A piece of a document's text and where it came from ("page 3", "sheet Sales", "slide 2", "lines 10–24").</summary>
public sealed record TextSection(string Anchor, string Text);
