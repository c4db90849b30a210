namespace WorkBrain.Core.Speech.Tts;

/// <summary>A stretch of text in one script: Chinese characters or anything else.</summary>
public readonly record struct ScriptRun(string Text, bool IsChinese);

/// <summary>Splits mixed text into runs by script (Han characters or not) so each goes to a voice that can read it; spaces, digits and
/// punctuation stay with the run around them.</summary>
public static class ScriptRuns
{
    public static bool IsChinese(int codePoint) => codePoint is
        (>= 0x4E00 and <= 0x9FFF) or (>= 0x3400 and <= 0x4DBF) or (>= 0xF900 and <= 0xFAFF) or (>= 0x20000 and <= 0x2FA1F);

    public static bool ContainsChinese(string text) =>
        !string.IsNullOrEmpty(text) && text.EnumerateRunes().Any(r => IsChinese(r.Value));

    public static IReadOnlyList<ScriptRun> Split(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var runs = new List<ScriptRun>();
        var current = new System.Text.StringBuilder();
        bool? chinese = null;
        foreach (var rune in text.EnumerateRunes())
        {
            bool? kind = IsChinese(rune.Value) ? true : System.Text.Rune.IsLetter(rune) ? false : null;
            if (kind is not null && chinese is not null && kind != chinese)
            {
                Flush();
            }

            chinese ??= kind;
            current.Append(rune.ToString());
        }

        Flush();
        return runs;

        void Flush()
        {
            var s = current.ToString().Trim();
            if (s.Length > 0 && s.EnumerateRunes().Any(r => System.Text.Rune.IsLetterOrDigit(r)))
            {
                runs.Add(new ScriptRun(s, chinese ?? false));
            }

            current.Clear();
            chinese = null;
        }
    }
}
