using WorkBrain.Core.Documents.Chunking;
using WorkBrain.Core.Documents.Parsing;

namespace WorkBrain.Tests.Core.Documents.Chunking;

public sealed class SentenceChunkerTests
{
    [Fact]
    public void Split_Chinese_EndsAtChinesePunctuation()
    {
        var sentences = SentenceSplitter.Split("今天天气很好。我们去公园吧！你来吗？“好的。”他说；然后走了\n第二行");

        Assert.Equal(["今天天气很好。", "我们去公园吧！", "你来吗？", "“好的。”", "他说；", "然后走了\n", "第二行"], sentences);
    }

    [Fact]
    public void Split_English_KeepsAbbreviationsDecimalsAndInitials()
    {
        var sentences = SentenceSplitter.Split("Dr. Smith paid $3.50 at 5 p.m. yesterday. J. R. Tolkien wrote it, e.g. The Hobbit! Did he? Yes.");

        Assert.Equal(["Dr. Smith paid $3.50 at 5 p.m. yesterday. ", "J. R. Tolkien wrote it, e.g. The Hobbit! ", "Did he? ", "Yes."], sentences);
    }

    [Fact]
    public void Chunk_Chinese_KeepsSentencesWholeWithOverlap()
    {
        var sentences = Enumerable.Range(1, 30).Select(i => $"这是第{i}句话，用来测试分块。").ToList();
        var chunker = new SentenceChunker(60, 20);

        var chunks = chunker.Chunk([new TextSection("page 4", string.Concat(sentences))]);

        Assert.True(chunks.Count > 5);
        Assert.All(chunks, c => Assert.Equal("page 4", c.Anchor));
        Assert.All(chunks, c => Assert.True(c.Text.Length <= 60, c.Text));
        foreach (var chunk in chunks)
        {
            var parts = SentenceSplitter.Split(chunk.Text);
            Assert.All(parts, p => Assert.Contains(p, sentences));
        }

        for (var i = 1; i < chunks.Count; i++)
        {
            var previousLast = SentenceSplitter.Split(chunks[i - 1].Text)[^1];
            Assert.StartsWith(previousLast, chunks[i].Text, StringComparison.Ordinal);
        }

        Assert.Equal(sentences, chunks.SelectMany(c => SentenceSplitter.Split(c.Text)).Distinct());
    }

    [Fact]
    public void Chunk_English_KeepsSentencesWhole()
    {
        var sentences = Enumerable.Range(1, 20).Select(i => $"Sentence number {i} costs 1.5 dollars, said Mr. Lee.").ToList();
        var chunker = new SentenceChunker(150, 0);

        var chunks = chunker.Chunk([new TextSection("slide 2", string.Join(" ", sentences))]);

        var rebuilt = chunks.SelectMany(c => SentenceSplitter.Split(c.Text)).Select(s => s.Trim()).ToList();
        Assert.Equal(sentences, rebuilt);
        Assert.Equal(Enumerable.Range(0, chunks.Count), chunks.Select(c => c.Ordinal));
    }

    [Fact]
    public void Chunk_SentenceLongerThanTarget_IsCutAtComma()
    {
        var chunker = new SentenceChunker(50, 0);
        var longSentence = string.Join("，", Enumerable.Repeat("很长很长的子句", 20)) + "。";

        var chunks = chunker.ChunkText(longSentence);

        Assert.All(chunks, c => Assert.True(c.Length <= 50));
        Assert.Equal(longSentence, string.Concat(chunks));
    }
}
