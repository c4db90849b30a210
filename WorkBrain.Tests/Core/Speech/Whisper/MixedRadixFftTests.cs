using WorkBrain.Core.Speech.Whisper;

namespace WorkBrain.Tests.Core.Speech.Whisper;

public sealed class MixedRadixFftTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(8)]
    [InlineData(12)]
    [InlineData(400)]
    [InlineData(22)]
    public void Transform_RandomInput_MatchesTheDefinitionOfTheDft(int n)
    {
        var random = new Random(n);
        var re = Enumerable.Range(0, n).Select(_ => random.NextDouble() - 0.5).ToArray();
        var im = Enumerable.Range(0, n).Select(_ => random.NextDouble() - 0.5).ToArray();
        var outRe = new double[n];
        var outIm = new double[n];

        new MixedRadixFft(n).Transform(re, im, outRe, outIm);

        for (var k = 0; k < n; k++)
        {
            double sr = 0, si = 0;
            for (var t = 0; t < n; t++)
            {
                var angle = -2 * Math.PI * k * t / n;
                sr += (re[t] * Math.Cos(angle)) - (im[t] * Math.Sin(angle));
                si += (re[t] * Math.Sin(angle)) + (im[t] * Math.Cos(angle));
            }

            Assert.Equal(sr, outRe[k], 9);
            Assert.Equal(si, outIm[k], 9);
        }
    }
}
