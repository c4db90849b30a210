using WorkBrain.Web.Rendering;

namespace WorkBrain.Tests.Web.Rendering;

public sealed class MarkdownRendererTests
{
    private readonly MarkdownRenderer _renderer = new();

    [Theory]
    [InlineData("<img src=x onerror=alert(1)>")]
    [InlineData("<iframe src=\"https://evil\"></iframe>")]
    public void ToHtml_RawHtml_IsEscaped(string markdown)
    {
        var html = _renderer.ToHtml(markdown);

        Assert.DoesNotContain("<img", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<iframe", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[a](javascript:alert(1))")]
    [InlineData("[a](data:text/html;base64,PHNjcmlwdD4=)")]
    [InlineData("![a](vbscript:msgbox)")]
    public void ToHtml_UnsafeLink_IsNeutralised(string markdown)
    {
        var html = _renderer.ToHtml(markdown);

        Assert.DoesNotContain("javascript:", html, StringComparison.Ordinal);
        Assert.DoesNotContain("data:", html, StringComparison.Ordinal);
        Assert.DoesNotContain("vbscript:", html, StringComparison.Ordinal);
    }

    [Fact]
    public void ToHtml_SafeLinksTablesAndCode_AreKept()
    {
        var html = _renderer.ToHtml("[docs](https://example.org) and ![img](/files/abc.png)\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n```python\nprint('hi')\n```");

        Assert.Contains("href=\"https://example.org\"", html, StringComparison.Ordinal);
        Assert.Contains("src=\"/files/abc.png\"", html, StringComparison.Ordinal);
        Assert.Contains("<table>", html, StringComparison.Ordinal);
        Assert.Contains("class=\"language-python\"", html, StringComparison.Ordinal);
    }
}
