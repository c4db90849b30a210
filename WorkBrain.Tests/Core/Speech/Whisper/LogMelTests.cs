using System.Runtime.InteropServices;
using WorkBrain.Core.Speech.Whisper;
using WorkBrain.Tests.Support;

namespace WorkBrain.Tests.Core.Speech.Whisper;

public sealed class LogMelTests
{
    [Theory]
    [InlineData(80)]
    [InlineData(128)]
    public async Task Compute_GeneratedSignal_MatchesTorchReference(int melBins)
    {
        var dir = await TestModels.GenerateAsync("logmel_reference", melBins.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var signal = MemoryMarshal.Cast<byte, float>(await File.ReadAllBytesAsync(Path.Combine(dir, "signal.f32"))).ToArray();
        var expected = MemoryMarshal.Cast<byte, float>(await File.ReadAllBytesAsync(Path.Combine(dir, "features.f32"))).ToArray();

        var actual = new LogMel(melBins).Compute(signal);

        Assert.Equal(expected.Length, actual.Length);
        var maxError = expected.Zip(actual, (e, a) => Math.Abs(e - a)).Max();
        Assert.True(maxError < 1e-3f, $"max abs error {maxError}");
    }

    [Fact]
    public void Compute_Silence_IsConstant()
    {
        var features = new LogMel().Compute(new float[16000]);

        Assert.Equal(80 * 3000, features.Length);
        Assert.All(features, f => Assert.Equal(-1.5f, f, 1e-5f));
    }

    [Fact]
    public void MelFilterBank_EachFilterIsATriangleWithSlaneyArea()
    {
        var filters = LogMel.MelFilterBank(80);

        Assert.Equal(80, filters.Length);
        Assert.All(filters, f => Assert.Contains(f, w => w > 0));
        Assert.All(filters.SelectMany(f => f), w => Assert.True(w >= 0));
    }
}
