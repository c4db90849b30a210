namespace WorkBrain.Core.Documents.Chunking;

/// <summary>A passage of a document: whole sentences from one section, with that section's anchor.</summary>
public sealed record TextChunk(int Ordinal, string Anchor, string Text);
