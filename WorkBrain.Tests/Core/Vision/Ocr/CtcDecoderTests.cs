using WorkBrain.Core.Vision.Ocr;

namespace WorkBrain.Tests.Core.Vision.Ocr;

public sealed class CtcDecoderTests
{
    private static float[] OneHot(int classes, params int[] path)
    {
        var p = new float[path.Length * classes];
        for (var t = 0; t < path.Length; t++)
        {
            p[t * classes + path[t]] = 0.9f;
        }

        return p;
    }

    [Fact]
    public void Decode_RepeatsAndBlanks_CollapsesRepeatsButKeepsBlankSeparatedDoubles()
    {
        string[] alphabet = ["", "a", "b", " "];

        var (text, score) = CtcDecoder.Decode(OneHot(4, 1, 1, 0, 1, 2, 2, 3, 2), 8, 4, alphabet);

        Assert.Equal("aab b", text);
        Assert.Equal(0.9f, score, 3);
    }

    [Fact]
    public void LoadAlphabet_PaddleKeys_HasBlankFirstAndSpaceLast()
    {
        var alphabet = CtcDecoder.LoadAlphabet(Support.TestModels.RequireRealModel("ocr/ppocr_keys_v1.txt"));

        Assert.Equal(6625, alphabet.Length);
        Assert.Equal("", alphabet[0]);
        Assert.Equal(" ", alphabet[6624]);
    }
}
