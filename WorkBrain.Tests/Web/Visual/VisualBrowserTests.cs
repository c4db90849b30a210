using System.Collections;
using System.Globalization;
using System.Resources;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using WorkBrain.Tests.Support;
using WorkBrain.Web.Localization;

namespace WorkBrain.Tests.Web.Visual;

/// <summary>
/// Every main page at a desktop and a phone size, light and dark, English and Chinese: nothing overflows the viewport
/// sideways, nothing sits under or spills out of the app bar, the chat's input and send button are on screen, and a
/// Chinese page shows no English label from the string table. Screenshots go to TestResults/screenshots.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class VisualBrowserTests(BrowserFixture browser, VisualFixture app) : IClassFixture<VisualFixture>
{
    public static TheoryData<string, string, int, int> Variants { get; } = new()
    {
        { "en", "light", 1366, 768 },
        { "en", "dark", 390, 844 },
        { "zh", "dark", 1366, 768 },
        { "zh", "light", 390, 844 },
        { "en", "dark", 1366, 768 },
        { "en", "light", 390, 844 },
        { "zh", "light", 1366, 768 },
        { "zh", "dark", 390, 844 },
    };

    [Theory]
    [MemberData(nameof(Variants))]
    public async Task MainPages_LayoutHolds_AndEveryLabelIsInTheChosenLanguage(string lang, string theme, int width, int height)
    {
        await using var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = lang == "zh" ? "zh-CN" : "en-US",
            ColorScheme = theme == "dark" ? ColorScheme.Dark : ColorScheme.Light,
            // Neither is the server's zone (UTC here): dates must follow the browser's.
            TimezoneId = BrowserZone(lang),
        });
        var page = await context.NewPageAsync();
        var missing = new List<string>();
        page.Response += (_, r) =>
        {
            if (r.Status == 404)
            {
                missing.Add(r.Url);
            }
        };
        var suffix = $"{lang}-{theme}-{width}";
        var base_ = app.Chat.BaseUrl;

        // Chosen by the browser's language (Accept-Language) and the system's colour scheme: no cookie yet.
        await page.GotoAsync(base_ + "/account/login");
        await CheckAsync(page, "sign-in", suffix, lang, appBar: false);

        await page.GotoAsync(base_ + "/");
        await ChatReadyAsync(page);
        await page.Locator("[data-testid=empty-chat]").WaitForAsync();
        await CheckAsync(page, "chat-empty", suffix, lang);
        await ChatInputVisibleAsync(page);
        Assert.Equal(theme == "dark", await page.EvaluateAsync<bool>("() => document.querySelector('.mud-appbar') && getComputedStyle(document.body).backgroundColor !== 'rgb(255, 255, 255)'"));

        await page.GotoAsync($"{base_}/c/{app.MarkdownSession}");
        await ChatReadyAsync(page);
        await page.Locator(".code-block .code-copy").WaitForAsync();
        await CheckAsync(page, "chat-markdown", suffix, lang);
        await ChatInputVisibleAsync(page);
        // The table's header row stands out from its body: shaded (the browser's own style has no shading) and bold.
        var header = await page.EvaluateAsync<string?>("""
            () => {
              const th = document.querySelector('.markdown table th'), td = document.querySelector('.markdown table tbody tr:first-child td');
              if (!th || !td) return 'no table';
              const h = getComputedStyle(th), d = getComputedStyle(td);
              const shaded = h.backgroundColor !== d.backgroundColor && h.backgroundColor !== 'rgba(0, 0, 0, 0)';
              return shaded && parseInt(h.fontWeight) >= 600 && parseInt(h.fontWeight) > parseInt(d.fontWeight)
                ? null : `th ${h.backgroundColor} ${h.fontWeight}, td ${d.backgroundColor} ${d.fontWeight}`;
            }
            """);
        Assert.True(header is null, $"the markdown table's header looks like its body: {header}");
        // Lists have their numbers and bullets, indented; paragraphs are apart; lines have room to breathe.
        var prose = await page.EvaluateAsync<string?>("""
            () => {
              const md = document.querySelector('.markdown'), ol = md && md.querySelector('ol'), ul = ol && ol.querySelector('ul'), p = md && md.querySelector('p');
              if (!ol || !ul || !p) return 'no list or paragraph';
              const o = getComputedStyle(ol), u = getComputedStyle(ul), s = getComputedStyle(p), m = getComputedStyle(md), out = [];
              if (o.listStyleType !== 'decimal') out.push('numbered list ' + o.listStyleType);
              if (!['disc', 'circle', 'square'].includes(u.listStyleType)) out.push('bullets ' + u.listStyleType);
              if (parseFloat(o.paddingLeft) < 12 || parseFloat(u.paddingLeft) < 12) out.push('indent ' + o.paddingLeft + ' / ' + u.paddingLeft);
              if (parseFloat(s.marginBottom) < 6) out.push('paragraph spacing ' + s.marginBottom);
              if (parseFloat(m.lineHeight) < 1.5 * parseFloat(m.fontSize)) out.push('line height ' + m.lineHeight + ' for ' + m.fontSize);
              return out.length ? out.join(', ') : null;
            }
            """);
        Assert.True(prose is null, $"the markdown reads as a wall of lines: {prose}");

        await page.GotoAsync($"{base_}/c/{app.CompoundSession}");
        await ChatReadyAsync(page);
        await page.Locator("[data-testid=gallery-item] img").WaitForAsync();
        await page.Locator("[data-testid=audio-player]").WaitForAsync();
        await CheckAsync(page, "chat-compound", suffix, lang);
        await ChatInputVisibleAsync(page);
        // One compact player for the whole read-aloud answer, and the failed expert's notice below what worked.
        Assert.Equal(1, await page.Locator("[data-testid=audio-player]").CountAsync());
        Assert.Equal(0, await page.Locator("audio.answer-audio").CountAsync());
        Assert.True(await page.EvaluateAsync<bool>("""
            () => {
              const sections = [...document.querySelectorAll('.message.assistant .expert-section')];
              const failed = sections.findIndex(s => s.classList.contains('failed'));
              return failed === sections.length - 1;
            }
            """));

        await page.GotoAsync($"{base_}/c/{app.MediaSession}");
        await ChatReadyAsync(page);
        await page.Locator("[data-testid=ocr-box]").First.WaitForAsync();
        await page.Locator("[data-testid=media-timeline] video").WaitForAsync();
        await CheckAsync(page, "chat-media", suffix, lang);
        // A timestamp seeks the player there (assets/ui.js). The player plays on from there, so read the position the
        // seek landed on, not the position whenever the check happens to run.
        await page.EvaluateAsync("() => document.querySelector('.media-timeline video').addEventListener('seeked', e => window.__seekedTo = e.target.currentTime, { once: true })");
        await page.Locator("[data-testid=timeline-seek]").Nth(2).ClickAsync();
        await page.WaitForFunctionAsync("() => window.__seekedTo !== undefined && Math.abs(window.__seekedTo - 2) < 0.5");

        await page.GotoAsync(base_ + "/documents");
        await page.Locator("[data-testid=document-row]").First.WaitForAsync();
        await WaitInteractiveAsync(page);
        await CheckAsync(page, "documents", suffix, lang);
        // Dates in the browser's time zone, as its culture writes them: 2026/12/2 16:05 for Chinese in Shanghai,
        // 12/2/2026 12:05 AM for US English in Los Angeles, whatever the server's zone is.
        var added = TimeZoneInfo.ConvertTime(app.DocumentAddedAt, TimeZoneInfo.FindSystemTimeZoneById(BrowserZone(lang)))
            .ToString("g", CultureInfo.GetCultureInfo(lang == "zh" ? UiCultures.Chinese : UiCultures.English));
        Assert.Matches(lang == "zh" ? @"^\d{4}/\d{1,2}/\d{1,2} \d{1,2}:\d{2}$" : @"^\d{1,2}/\d{1,2}/\d{4},? \d{1,2}:\d{2}\s?[AP]M$", added);
        await Assertions.Expect(page.Locator("[data-testid=document-added]").First)
            .ToHaveTextAsync(new Regex(@"^\s*" + Regex.Replace(Regex.Escape(added), @"(\\ |\s)+", @"\s+") + @"\s*$"));

        await page.GotoAsync(base_ + "/admin");
        await page.Locator("[data-testid=expert-card]").First.WaitForAsync();
        await WaitInteractiveAsync(page);
        await CheckAsync(page, "admin", suffix, lang);
        await page.Locator("[data-testid=setup-toggle]").ClickAsync();
        await page.Locator("[data-testid=setup-engines]").WaitForAsync();
        await CheckAsync(page, "admin-setup", suffix, lang);

        await page.GotoAsync(base_ + "/account/keys");
        await page.Locator("[data-testid=key-row]").First.WaitForAsync();
        await WaitInteractiveAsync(page);
        await CheckAsync(page, "api-keys", suffix, lang);

        Assert.Empty(missing);
    }

    private static string BrowserZone(string lang) => lang == "zh" ? "Asia/Shanghai" : "America/Los_Angeles";

    private static async Task ChatReadyAsync(IPage page) =>
        await page.Locator("[data-testid=chat-input][data-ready]").WaitForAsync();

    /// <summary>The theme follows the system once the circuit is up; MudBlazor marks its provider then.</summary>
    private static async Task WaitInteractiveAsync(IPage page) =>
        await page.WaitForFunctionAsync("() => window.Blazor && document.querySelector('.mud-appbar')");

    private static async Task ChatInputVisibleAsync(IPage page)
    {
        var size = page.ViewportSize!;
        foreach (var selector in new[] { "[data-testid=chat-input]", "[data-testid=send]" })
        {
            var box = await page.Locator(selector).BoundingBoxAsync();
            Assert.NotNull(box);
            Assert.True(box.X >= 0 && box.Y >= 0 && box.X + box.Width <= size.Width + 1 && box.Y + box.Height <= size.Height + 1,
                $"{selector} is off screen: {box.X},{box.Y} {box.Width}x{box.Height} in {size.Width}x{size.Height}");
        }

        // The placeholder is not cut: it fits the box's width.
        Assert.True(await page.Locator("[data-testid=chat-input]").EvaluateAsync<bool>("""
            t => {
              const s = getComputedStyle(t), c = document.createElement('canvas').getContext('2d');
              c.font = s.font;
              return c.measureText(t.placeholder).width <= t.clientWidth - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight) + 1;
            }
            """), "the input's placeholder is cut");
    }

    private static async Task CheckAsync(IPage page, string name, string suffix, string lang, bool appBar = true)
    {
        // Animations and the drawer's slide settle before measuring.
        await page.EvaluateAsync("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))");
        await Screenshots.SaveAsync(page, $"{name}-{suffix}");

        var overflow = await page.EvaluateAsync<string[]>("""
            () => {
              const w = window.innerWidth, out = [];
              if (document.documentElement.scrollWidth > w + 1) out.push('page scrolls sideways: ' + document.documentElement.scrollWidth + ' > ' + w);
              for (const el of document.querySelectorAll('body *')) {
                const r = el.getBoundingClientRect();
                if (r.width === 0 || r.height === 0 || el.closest('.table-scroll, .trace-body, pre, .markdown table, .mud-drawer--closed, .mud-popover')) continue;
                if (r.right > w + 1) out.push((el.className || el.tagName) + ' ends at ' + Math.round(r.right));
              }
              return out.slice(0, 8);
            }
            """);
        Assert.True(overflow.Length == 0, $"{name}-{suffix}: {string.Join("; ", overflow)}");

        // Blazor focuses the page's heading after each navigation: no focus box around it.
        var ring = await page.EvaluateAsync<string?>("""
            () => {
              const a = document.activeElement;
              if (!a || !a.matches('h1, h2, [tabindex="-1"]')) return null;
              const s = getComputedStyle(a);
              return s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0 || s.boxShadow !== 'none' ? a.tagName + ' ' + a.textContent : null;
            }
            """);
        Assert.True(ring is null, $"{name}-{suffix}: a focus box around {ring}");

        if (appBar)
        {
            var bar = await page.EvaluateAsync<string[]>("""
                () => {
                  const bar = document.querySelector('.mud-appbar');
                  if (!bar) return ['no app bar'];
                  const b = bar.getBoundingClientRect(), out = [];
                  for (const el of bar.querySelectorAll('*')) {
                    const r = el.getBoundingClientRect();
                    if (r.width === 0 || r.height === 0) continue;
                    if (r.top < b.top - 1 || r.bottom > b.bottom + 1 || r.right > b.right + 1) out.push((el.className || el.tagName) + ' spills out of the app bar');
                  }
                  const main = document.querySelector('.chat-column, .page-column');
                  if (main && main.getBoundingClientRect().top < b.bottom - 1) out.push('content starts under the app bar');
                  return out.slice(0, 8);
                }
                """);
            Assert.True(bar.Length == 0, $"{name}-{suffix}: {string.Join("; ", bar)}");
        }

        var texts = await page.EvaluateAsync<string[]>("""
            () => {
              const out = [];
              for (const el of document.querySelectorAll('body *')) {
                if (el.closest('.markdown, .user-text, .session-title, [data-testid=session-title], .passage, [data-testid=citation], [data-testid=ocr-line] > button, .timeline-text, .licence, code, .doc-name')) continue;
                const own = [...el.childNodes].filter(n => n.nodeType === 3).map(n => n.textContent).join('').trim();
                if (own && el.getClientRects().length) out.push(own);
                for (const a of ['placeholder', 'aria-label', 'title']) if (el.getAttribute(a)) out.push(el.getAttribute(a).trim());
              }
              return out;
            }
            """);
        // Icons are Material icons, never emoji (which show as empty boxes without an emoji font).
        var emoji = texts.Where(t => t.EnumerateRunes().Any(r => r.Value is >= 0x1F300 and <= 0x1FAFF or >= 0x2600 and <= 0x27BF)).ToList();
        Assert.True(emoji.Count == 0, $"{name}-{suffix} shows emoji: {string.Join(" | ", emoji)}");

        if (lang == "zh")
        {
            var english = texts.Where(t => EnglishLabels.Any(r => r.IsMatch(t))).Distinct().ToList();
            Assert.True(english.Count == 0, $"{name}-{suffix} shows English labels: {string.Join(" | ", english)}");

            // Not only the table's strings: any English words in a row outside the user's content and the names of
            // products and models mean a text that does not go through the localizer.
            var untranslated = texts.Where(t => EnglishWords(t).Any()).Distinct().ToList();
            Assert.True(untranslated.Count == 0, $"{name}-{suffix} shows English text: {string.Join(" | ", untranslated)}");
        }
    }

    /// <summary>Two or more English words in a row, once product, format and model names are taken out.</summary>
    internal static IEnumerable<string> EnglishWords(string text) =>
        EnglishRun().Matches(ProperNames().Replace(text, "·")).Select(m => m.Value);

    [GeneratedRegex(@"\b[A-Za-z]{2,}(?:[,;:.]?\s+[A-Za-z]{2,}\b)+")]
    private static partial Regex EnglishRun();

    /// <summary>What is not text to translate: names of products, formats and models, configuration keys
    /// (Asr:Endpoint), identifiers (model_index.json), paths and URLs, and the commands an admin types as they are
    /// (dotnet run …, models pull …, apt-get install …). Everything else on a Chinese page is Chinese, admin details
    /// included.</summary>
    [GeneratedRegex(@"\b(?:WorkBrain|English|OpenAI|ONNX(?: Runtime)?|GGUF|CUDA|CPU|GPU|API|URL|JSON|Markdown|Stable Diffusion|Whisper(?:\.net)?|Piper|espeak-ng|Silero VAD|LLamaSharp|TextCNN|BM25|PP-OCRv4|SqueezeNet|Data Protection|Redis|PostgreSQL|SQLite|ffmpeg|Bearer|[\w.-]*\d[\w.-]*|[A-Z][A-Za-z]+:[A-Za-z:]+|[a-z]+_[a-z_]+|`[^`]*`|models (?:pull|list|verify)|apt-get install [\w-]+|dotnet run(?: [^\s；。，]+)+|[\w-]*(?:[/.][\w-]+)+)\b")]
    private static partial Regex ProperNames();

    /// <summary>An English word left once the names of products, formats and models are taken out: "Base" of
    /// "Base URL", not "URL" or "WorkBrain".</summary>
    internal static bool HasEnglishWord(string text) => EnglishWord().IsMatch(ProperNames().Replace(Placeholders().Replace(text, "·"), "·"));

    [GeneratedRegex(@"\b[A-Za-z]{2,}\b")]
    private static partial Regex EnglishWord();

    [GeneratedRegex(@"\{\d\}")]
    private static partial Regex Placeholders();

    /// <summary>Every English string of the table that Chinese says differently, or that Chinese left in English
    /// although it is more than names (an untranslated "Base URL"), as a whole-text pattern.</summary>
    private static readonly Regex[] EnglishLabels = LoadEnglishLabels();

    private static Regex[] LoadEnglishLabels()
    {
        var resources = new ResourceManager(typeof(Strings));
        var zh = CultureInfo.GetCultureInfo(UiCultures.Chinese);
        var set = resources.GetResourceSet(CultureInfo.InvariantCulture, createIfNotExists: true, tryParents: true)!;
        var patterns = new List<Regex>();
        foreach (DictionaryEntry entry in set)
        {
            var english = (string)entry.Value!;
            if ((english == resources.GetString((string)entry.Key, zh) && !HasEnglishWord(english)) || !english.Any(char.IsLetter))
            {
                continue;
            }

            var pattern = "^" + Regex.Replace(Regex.Escape(english), @"\\\{\d\}", ".+") + "$";
            patterns.Add(new Regex(pattern, RegexOptions.CultureInvariant));
        }

        Assert.NotEmpty(patterns);
        return [.. patterns];
    }
}
