using System.Text.RegularExpressions;
using Markdig;

namespace WorkBrain.Core.Speech.Tts;

/// <summary>Markdown answers made fit to read aloud: formatting, links' URLs, code fences and table rules removed.</summary>
public static partial class SpeakableText
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UseAdvancedExtensions().Build();

    public static string FromMarkdown(string markdown)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        var plain = Markdown.ToPlainText(markdown, Pipeline);
        plain = Urls().Replace(plain, "");
        plain = Symbols().Replace(plain, " ");
        return Spaces().Replace(plain, m => m.Value.Contains('\n', StringComparison.Ordinal) ? "\n" : " ").Trim();
    }

    /// <summary>The text cut at the last sentence end before <paramref name="maxCharacters"/>.</summary>
    public static string Limit(string text, int maxCharacters)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length <= maxCharacters)
        {
            return text;
        }

        var cut = text[..maxCharacters];
        var end = cut.LastIndexOfAny(['。', '！', '？', '.', '!', '?', '\n']);
        return end > maxCharacters / 2 ? cut[..(end + 1)] : cut;
    }

    [GeneratedRegex(@"https?://\S+")]
    private static partial Regex Urls();

    [GeneratedRegex(@"[*#_`|~>]+|-{3,}|={3,}")]
    private static partial Regex Symbols();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
