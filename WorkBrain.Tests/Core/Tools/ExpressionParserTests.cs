using WorkBrain.Core.Tools;

namespace WorkBrain.Tests.Core.Tools;

public sealed class ExpressionParserTests
{
    [Theory]
    [InlineData("1 + 2 * 3", 7)]
    [InlineData("(1 + 2) * 3", 9)]
    [InlineData("2 ^ 3 ^ 2", 512)]
    [InlineData("-2 ^ 2", -4)]
    [InlineData("2 ^ -1", 0.5)]
    [InlineData("10 % 4", 2)]
    [InlineData("--3", 3)]
    [InlineData("sqrt(16) + abs(-3)", 7)]
    [InlineData("round(2.5)", 3)]
    [InlineData("log(1000) + ln(e)", 4)]
    [InlineData("sin(pi / 2)", 1)]
    [InlineData("cos(0) + tan(0)", 1)]
    [InlineData("1.5e3 / 3", 500)]
    [InlineData("1,000 + 1", 1001)]
    [InlineData("３加５乘２", 13)]
    [InlineData("（１＋２）×３÷９", 1)]
    [InlineData("10减去4除以2", 8)]
    [InlineData("2 ** 10", 1024)]
    [InlineData("根号9", 3)]
    public void Evaluate_ValidExpression_ReturnsValue(string expression, double expected) =>
        Assert.Equal(expected, ExpressionParser.Evaluate(expression), 9);

    [Theory]
    [InlineData("1 / 0", "Division by zero")]
    [InlineData("5 % 0", "Division by zero")]
    [InlineData("(1 + 2", "closing ')'")]
    [InlineData("1 + ", "ends too early")]
    [InlineData("2 $ 3", "Unexpected '$'")]
    [InlineData("foo(2)", "Unknown name 'foo'")]
    [InlineData("sqrt(-1)", "not a real number")]
    [InlineData("10 ^ 400", "too large")]
    [InlineData("", "empty")]
    [InlineData("1 2", "Unexpected '2'")]
    public void Evaluate_BadExpression_ThrowsClearMessage(string expression, string message)
    {
        var e = Assert.Throws<ExpressionException>(() => ExpressionParser.Evaluate(expression));
        Assert.Contains(message, e.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Evaluate_DeepNesting_ThrowsInsteadOfOverflowing()
    {
        var e = Assert.Throws<ExpressionException>(() => ExpressionParser.Evaluate(new string('(', 300) + "1" + new string(')', 300)));
        Assert.Contains("nested", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.1 + 0.2, "0.3")]
    [InlineData(1e20, "1E+20")]
    [InlineData(-2.5, "-2.5")]
    [InlineData(1234567.0, "1234567")]
    public void Format_Double_ReadableText(double value, string expected) => Assert.Equal(expected, ExpressionParser.Format(value));
}
