using Microsoft.ML.Tokenizers;

namespace WorkBrain.Core.Gate;

/// <summary>A seed-style BERT gate's tokenizer: WordPiece over vocab.txt, [CLS] … [SEP], CJK characters split.</summary>
internal sealed class WordPieceGateTokenizer(BertTokenizer tokenizer) : IGateTokenizer
{
    public static WordPieceGateTokenizer Load(string vocabPath, bool lowerCase) =>
        new(BertTokenizer.Create(vocabPath, new BertOptions
        {
            LowerCaseBeforeTokenization = lowerCase,
            IndividuallyTokenizeCjk = true,
            ApplyBasicTokenization = true,
        }));

    public long PadId => tokenizer.PaddingTokenId;

    public int Encode(string text, Span<long> ids)
    {
        ArgumentNullException.ThrowIfNull(text);
        var encoded = tokenizer.EncodeToIds(text, ids.Length, addSpecialTokens: true, out _, out _);
        var count = Math.Min(encoded.Count, ids.Length);
        for (var i = 0; i < count; i++)
        {
            ids[i] = encoded[i];
        }

        return count;
    }
}
