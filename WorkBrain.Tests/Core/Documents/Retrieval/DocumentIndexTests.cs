using WorkBrain.Core.Documents.Retrieval;

namespace WorkBrain.Tests.Core.Documents.Retrieval;

public sealed class DocumentIndexTests
{
    [Fact]
    public void Tokenize_MixedText_CjkUnigramsBigramsAndStemmedWords()
    {
        var tokens = SearchTokenizer.Tokenize("北京大学 Running Studies 2024");

        Assert.Equal(["北", "京", "北京", "大", "京大", "学", "大学", "runn", "study", "2024"], tokens);
    }

    [Fact]
    public void TermKeys_SameTokensAsTokenizer()
    {
        const string text = "北京大学 Running Studies 2024，长城！The cats.";
        var words = new Dictionary<string, int>();
        var keys = new List<long>();

        TermKeys.Append(text, keys, w => words.TryGetValue(w, out var id) ? id : words[w] = words.Count);

        var tokens = SearchTokenizer.Tokenize(text);
        Assert.Equal(tokens.Count, keys.Count);
        Assert.Equal(tokens.Where(t => t.Length > 2 || !SentenceSplitterIsCjk(t)).Distinct().Count(), words.Count);
    }

    private static bool SentenceSplitterIsCjk(string token) => token.All(c => c >= '\u4E00' && c <= '\u9FFF');

    [Fact]
    public void Search_Bm25_RanksPassageWithRareTermsFirst()
    {
        var index = new DocumentIndex();
        index.Add([
            new IndexedChunk(1, "a", "长城是中国古代的军事防御工程，总长度超过两万公里。", null),
            new IndexedChunk(2, "b", "故宫位于北京中轴线的中心，是明清两代的皇家宫殿。", null),
            new IndexedChunk(3, "c", "The Eiffel Tower was built in 1889 for the World's Fair in Paris.", null),
        ]);

        var chinese = index.Search("故宫是哪两个朝代的皇宫？", null, 3);
        var english = index.Search("When was the Eiffel tower built?", null, 3);

        Assert.Equal(2, chinese[0].ChunkId);
        Assert.Equal(3, english[0].ChunkId);
        Assert.True(chinese[0].Score > (chinese.Count > 1 ? chinese[1].Score : 0));
    }

    [Fact]
    public void TryAddDocument_SameDocumentTwice_IndexesItOnce()
    {
        var index = new DocumentIndex();
        IndexedChunk[] lighthouse = [new(1, "a", "The lighthouse keeper lights the lamp.", null), new(2, "a", "The lighthouse has two hundred steps.", null)];

        Assert.True(index.TryAddDocument("a", lighthouse));
        Assert.False(index.TryAddDocument("a", lighthouse));
        Assert.True(index.TryAddDocument("b", [new IndexedChunk(3, "b", "The harbour closes at noon.", null)]));

        Assert.Equal(3, index.Count);
        Assert.Equal(["a", "b"], index.DocumentIds.Order());
        Assert.Equal([1L, 2L], index.Search("lighthouse", null, 10).Select(r => r.ChunkId).Order());
        Assert.Throws<ArgumentException>(() => index.TryAddDocument("c", [new IndexedChunk(4, "d", "Another document's passage.", null)]));
        index.RemoveDocument("a");
        Assert.Equal(["b"], index.DocumentIds);
    }

    [Fact]
    public void Search_TermInMoreChunksThanOneBlock_ScoresEveryChunk()
    {
        var index = new DocumentIndex();
        index.Add(Enumerable.Range(1, 10_000).Select(i => new IndexedChunk(i, $"d{i % 7}", i == 9_001 ? "apple banana" : $"apple number {i}", null)));

        var all = index.Search("apple", null, 20_000);
        var best = index.Search("banana apple", null, 1);

        Assert.Equal(10_000, all.Count);
        Assert.Equal(10_000, all.Select(r => r.ChunkId).Distinct().Count());
        Assert.Equal(9_001, Assert.Single(best).ChunkId);
    }

    [Fact]
    public void Search_DocumentFilterAndRemoval_Respected()
    {
        var index = new DocumentIndex();
        index.Add([new IndexedChunk(1, "a", "apple pie recipe", null), new IndexedChunk(2, "b", "apple tree care", null)]);

        Assert.Equal([2L], index.Search("apple", null, 5, ["b"]).Select(r => r.ChunkId));

        index.RemoveDocument("b");

        Assert.Equal([1L], index.Search("apple", null, 5).Select(r => r.ChunkId));
        Assert.Equal(1, index.Count);
    }

    [Fact]
    public void Search_WithEmbeddings_FusesBothRankings()
    {
        var index = new DocumentIndex();
        // Chunk 2 shares no words with the query but its vector matches; chunk 1 matches lexically only.
        index.Add([
            new IndexedChunk(1, "a", "vacation policy days", [0f, 1f]),
            new IndexedChunk(2, "b", "time off rules for staff", [1f, 0f]),
            new IndexedChunk(3, "c", "parking garage hours", [-1f, 0f]),
        ]);

        var lexicalOnly = index.Search("vacation policy", null, 3);
        var fused = index.Search("vacation policy", [1f, 0f], 3);

        Assert.Equal([1L], lexicalOnly.Select(r => r.ChunkId));
        Assert.Equal(2, fused.Count(r => r.ChunkId is 1 or 2));
        Assert.Equal(1.0 / 61 + 1.0 / 62, fused.Single(r => r.ChunkId == 1).Score, 9);
    }

    [Fact]
    public void Fuse_ItemsInBothLists_RankAboveItemsInOne()
    {
        var fused = ReciprocalRankFusion.Fuse<string>([["x", "y", "z"], ["y", "w"]]);

        Assert.Equal("y", fused[0].Item);
        Assert.Equal(1.0 / 62 + 1.0 / 61, fused[0].Score, 12);
        Assert.Equal("x", fused[1].Item);
    }
}
