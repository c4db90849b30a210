using System.Globalization;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using WorkBrain.Tests.Support;
using WorkBrain.Web.Localization;

namespace WorkBrain.Tests.Web.Localization;

/// <summary>
/// Every message Core writes for a user (an expert's failure, a document's failure, a progress line, an expert's or a
/// model's status line and backend) has a template in
/// the string table, so the Chinese page never shows it in English: a new <c>throw new ExpertException("…")</c> without
/// one fails here, naming it.
/// </summary>
public sealed class CoreErrorCoverageTests : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddLogging().AddLocalization().BuildServiceProvider();
    private readonly CultureInfo _culture = CultureInfo.CurrentUICulture;

    public void Dispose()
    {
        CultureInfo.CurrentUICulture = _culture;
        _services.Dispose();
    }

    [Fact]
    public void EveryMessageCoreWrites_HasAChineseTemplate()
    {
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(UiCultures.Chinese);
        var l = _services.GetRequiredService<IStringLocalizer<Strings>>();
        var messages = CoreMessages().ToList();
        Assert.True(messages.Count > 60, $"only {messages.Count} messages found: the scanner is broken");

        var untranslated = messages.Where(m => l.Core(m.Sample) == m.Sample).Select(m => $"{m.File}: \"{m.Sample}\"").Distinct().ToList();

        Assert.True(untranslated.Count == 0, "No Core.* template for:\n" + string.Join("\n", untranslated));
    }

    [Fact]
    public void Scanner_FindsLiteralsInTernariesAndInterpolations()
    {
        var found = Literals("""cond ? "A plain one." : $"The file {name} has {Count(x, "y")} pages.", reason)""").ToList();

        Assert.Equal(["A plain one.", "The file X0 has X1 pages."], found);
    }

    /// <summary>Where user-facing messages are written, and the calls that write them.</summary>
    private static readonly (string Path, string[] Calls)[] Sources =
    [
        ("WorkBrain.Core", ["new ExpertException(", "new DocumentException(", "new ExpertFailed(", "new ExpertProgress(",
            // Status lines: an expert's or engine's backend and detail (the dashboard, the setup card, the chat's
            // banner) and a model's availability (the models table).
            "new ExpertStatus(", "Status(ExpertState.", "new ModelAvailability("]),
        ("WorkBrain.Core/Orchestration/ExpertRunner.cs", ["=> ("]),
        ("WorkBrain.Web/Conversations", ["new ExpertFailed(", "new ArgumentException(", ": ArgumentException("]),
        ("WorkBrain.Web/Uploads", ["new UploadRejectedException(", "TooLarge(", "error = "]),
        ("WorkBrain.Web/RateLimiting/RateLimitExceededException.cs", [": Exception("]),
        ("wwwroot-assets/recorder.js", ["\"OnRecorderError\", ", "return "]),
        ("wwwroot-assets/chat.js", ["error: "]),
    ];

    /// <summary>Each user-facing call's string literals, with every interpolation hole replaced by a sample part.</summary>
    private static IEnumerable<(string File, string Sample)> CoreMessages()
    {
        foreach (var (path, calls) in Sources)
        {
            var full = Path.Combine(TestModels.RepositoryRoot, path);
            var files = File.Exists(full)
                ? [full]
                : Directory.EnumerateFiles(full, "*.cs", SearchOption.AllDirectories)
                    .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal));
            foreach (var file in files)
            {
                var source = File.ReadAllText(file);
                foreach (var call in calls)
                {
                    for (var at = source.IndexOf(call, StringComparison.Ordinal); at >= 0; at = source.IndexOf(call, at + 1, StringComparison.Ordinal))
                    {
                        foreach (var literal in Literals(source[(at + call.Length)..]).Take(4))
                        {
                            // A sentence, not a code, a file name or a piece to be joined to what follows.
                            if (literal.Contains(' ', StringComparison.Ordinal) && literal.Count(char.IsLetter) >= 4 && !literal.EndsWith(' ') && !literal.EndsWith('('))
                            {
                                yield return (Path.GetFileName(file), literal);
                            }
                        }
                    }
                }
            }
        }
    }

    /// <summary>The string literals of one argument list (up to its closing parenthesis or the end of the statement);
    /// "a" + "b" is one literal.</summary>
    private static IEnumerable<string> Literals(string args)
    {
        var depth = 0;
        var i = 0;
        string? pending = null;
        var joins = false;
        while (i < args.Length)
        {
            var c = args[i];
            if (c == '"' || (c == '$' && i + 1 < args.Length && args[i + 1] == '"'))
            {
                var interpolated = c == '$';
                var (text, end) = ReadLiteral(args, interpolated ? i + 2 : i + 1, interpolated);
                pending = joins && pending is not null ? pending + text : text;
                joins = false;
                i = end;
                continue;
            }

            if (c == '+' && pending is not null)
            {
                joins = true;
            }
            else if (!char.IsWhiteSpace(c))
            {
                if (pending is not null && !joins)
                {
                    yield return pending;
                    pending = null;
                }

                if (c == '(')
                {
                    depth++;
                }
                else if ((c == ')' && depth-- == 0) || (c == ';' && depth == 0))
                {
                    break;
                }
            }

            i++;
        }

        if (pending is not null)
        {
            yield return pending;
        }
    }

    /// <summary>Reads a literal from just after its opening quote; returns its text (holes as X0, X1…) and the index after it.</summary>
    private static (string Text, int End) ReadLiteral(string s, int i, bool interpolated)
    {
        var text = new StringBuilder();
        var holes = 0;
        while (i < s.Length)
        {
            var c = s[i];
            if (c == '\\' && i + 1 < s.Length)
            {
                text.Append(s[i + 1] switch { 'n' => '\n', var e => e });
                i += 2;
                continue;
            }

            if (c == '"')
            {
                return (text.ToString(), i + 1);
            }

            if (interpolated && c == '{')
            {
                if (i + 1 < s.Length && s[i + 1] == '{')
                {
                    text.Append('{');
                    i += 2;
                    continue;
                }

                i = SkipHole(s, i + 1);
                text.Append('X').Append(holes++);
                continue;
            }

            if (interpolated && c == '}' && i + 1 < s.Length && s[i + 1] == '}')
            {
                text.Append('}');
                i += 2;
                continue;
            }

            text.Append(c);
            i++;
        }

        return (text.ToString(), i);
    }

    /// <summary>The index after the hole's closing brace, stepping over strings and braces inside it.</summary>
    private static int SkipHole(string s, int i)
    {
        var depth = 0;
        while (i < s.Length)
        {
            var c = s[i];
            if (c == '"' || (c == '$' && i + 1 < s.Length && s[i + 1] == '"'))
            {
                var interpolated = c == '$';
                i = ReadLiteral(s, interpolated ? i + 2 : i + 1, interpolated).End;
                continue;
            }

            if (c == '{')
            {
                depth++;
            }
            else if (c == '}' && depth-- == 0)
            {
                return i + 1;
            }

            i++;
        }

        return i;
    }
}
