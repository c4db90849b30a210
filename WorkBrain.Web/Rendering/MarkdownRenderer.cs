using System.Net;
using Markdig;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace WorkBrain.Web.Rendering;

/// <summary>Model output to safe HTML: raw HTML is escaped, and links or images may only point to http(s),
/// mailto or this site, so nothing a model writes can run script in the page.</summary>
public sealed class MarkdownRenderer
{
    private readonly MarkdownPipeline _pipeline = new MarkdownPipelineBuilder()
        .DisableHtml()
        .UsePipeTables()
        .UseEmphasisExtras()
        .UseAutoLinks()
        .UseTaskLists()
        .UseSoftlineBreakAsHardlineBreak()
        .Build();

    /// <summary>The pipeline the HTML is made with (for parsing the same way).</summary>
    internal MarkdownPipeline Pipeline => _pipeline;

    public string ToHtml(string markdown) => ToHtml(markdown, null);

    /// <param name="copyLabel">With a label, each code block gets a header with its language and a copy button.</param>
    public string ToHtml(string markdown, string? copyLabel)
    {
        if (string.IsNullOrEmpty(markdown))
        {
            return "";
        }

        var document = Markdown.Parse(markdown, _pipeline);
        foreach (var link in document.Descendants<LinkInline>())
        {
            if (!IsSafeUrl(link.Url))
            {
                link.Url = "#";
            }
        }

        foreach (var link in document.Descendants<AutolinkInline>())
        {
            if (!link.IsEmail && !IsSafeUrl(link.Url))
            {
                link.Url = "#";
            }
        }

        if (copyLabel is null)
        {
            return document.ToHtml(_pipeline);
        }

        using var writer = new StringWriter();
        var renderer = new HtmlRenderer(writer);
        _pipeline.Setup(renderer);
        renderer.ObjectRenderers.Replace<CodeBlockRenderer>(new HeaderedCodeBlockRenderer(copyLabel));
        renderer.Render(document);
        writer.Flush();
        return writer.ToString();
    }

    /// <summary>A fenced code block inside a frame whose header names the language and holds a copy button
    /// (ui.js copies on click: no inline script).</summary>
    private sealed class HeaderedCodeBlockRenderer(string copyLabel) : CodeBlockRenderer
    {
        protected override void Write(HtmlRenderer renderer, CodeBlock obj)
        {
            var language = (obj as FencedCodeBlock)?.Info?.Trim() is { Length: > 0 } info ? info.Split(' ')[0] : "";
            var label = WebUtility.HtmlEncode(copyLabel);
            renderer.Write("<div class=\"code-block\"><div class=\"code-header\"><span class=\"code-lang\">")
                .Write(WebUtility.HtmlEncode(language))
                .Write("</span><button type=\"button\" class=\"code-copy\" data-copy=\"code\" title=\"").Write(label)
                .Write("\" aria-label=\"").Write(label).Write("\">").Write(label).Write("</button></div>");
            base.Write(renderer, obj);
            renderer.WriteLine("</div>");
        }
    }

    internal static bool IsSafeUrl(string? url)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            return true;
        }

        var trimmed = url.Trim();
        if (trimmed.StartsWith('/') && !trimmed.StartsWith("//", StringComparison.Ordinal))
        {
            return true;
        }

        if (trimmed.StartsWith('#'))
        {
            return true;
        }

        return Uri.TryCreate(trimmed, UriKind.Absolute, out var uri) &&
               (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeMailto);
    }
}
