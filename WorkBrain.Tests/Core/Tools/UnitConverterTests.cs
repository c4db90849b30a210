using WorkBrain.Core.Tools;

namespace WorkBrain.Tests.Core.Tools;

public sealed class UnitConverterTests
{
    [Theory]
    [InlineData(5, "公里", "米", 5000)]
    [InlineData(10, "km", "miles", 6.21371192237)]
    [InlineData(1, "mile", "feet", 5280)]
    [InlineData(12, "inches", "cm", 30.48)]
    [InlineData(1, "公斤", "斤", 2)]
    [InlineData(1, "lb", "g", 453.59237)]
    [InlineData(100, "摄氏度", "华氏度", 212)]
    [InlineData(32, "°F", "°C", 0)]
    [InlineData(0, "celsius", "kelvin", 273.15)]
    [InlineData(-40, "F", "C", -40)]
    [InlineData(1, "gallon", "liters", 3.785411784)]
    [InlineData(1, "公顷", "亩", 15)]
    [InlineData(100, "km/h", "m/s", 27.7777777778)]
    [InlineData(1, "GB", "MB", 1024)]
    [InlineData(8, "bits", "bytes", 1)]
    [InlineData(2, "小时", "分钟", 120)]
    [InlineData(1, "week", "days", 7)]
    public void Convert_KnownUnits_ReturnsValue(double value, string from, string to, double expected) =>
        Assert.Equal(expected, UnitConverter.Convert(value, from, to), 6);

    [Fact]
    public void Convert_DifferentCategories_Throws()
    {
        var e = Assert.Throws<ExpressionException>(() => UnitConverter.Convert(1, "kg", "m"));
        Assert.Contains("Cannot convert mass", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Convert_UnknownUnit_Throws() =>
        Assert.Contains("Unknown unit 'furlongs-per-fortnight'", Assert.Throws<ExpressionException>(() => UnitConverter.Convert(1, "furlongs-per-fortnight", "m")).Message, StringComparison.Ordinal);

    [Fact]
    public void Convert_BelowAbsoluteZero_Throws() =>
        Assert.Throws<ExpressionException>(() => UnitConverter.Convert(-300, "°C", "K"));

    [Fact]
    public void Describe_Conversion_ShowsBothSides() => Assert.Equal("5 公里 = 5000 米", UnitConverter.Describe(5, "公里", "米"));
}
