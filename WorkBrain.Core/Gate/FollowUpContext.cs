using System.Text.RegularExpressions;

namespace WorkBrain.Core.Gate;

/// <summary>
/// A follow-up clause such as "配一张图片" or "draw a picture of him" means nothing on its own to an expert that runs in
/// parallel with the others. This gives it its subject: the title or quotation in the request ("配一张图片：春天来了"),
/// else the clause it follows ("draw a picture of him (write a story about a brave knight)").
/// </summary>
internal static partial class FollowUpContext
{
    [GeneratedRegex(@"《([^》]{1,60})》|“([^”]{1,60})”|""([^""]{1,60})""")]
    private static partial Regex Title();

    [GeneratedRegex(@"\b(?:it|him|her|them|this|that|one)\b", RegexOptions.IgnoreCase)]
    private static partial Regex EnglishReference();

    public static bool IsFollowUp(string instruction, bool cjk)
    {
        if (cjk)
        {
            return instruction.Length <= 8 && !Title().IsMatch(instruction);
        }

        var words = instruction.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        return words <= 3 || (words <= 7 && EnglishReference().IsMatch(instruction));
    }

    public static string Add(string instruction, string wholeText, IReadOnlyList<string> clauses, int clauseIndex, bool cjk)
    {
        var title = Title().Match(wholeText);
        if (title.Success)
        {
            var subject = title.Groups.Cast<Group>().Skip(1).First(g => g.Success).Value;
            return cjk ? $"{instruction}：{subject}" : $"{instruction}: {subject}";
        }

        var previous = clauseIndex > 0 ? clauses[clauseIndex - 1] : clauses.Count > 1 ? clauses[1] : null;
        if (previous is null)
        {
            return instruction;
        }

        var context = InstructionCleaner.Clean(previous);
        return cjk ? $"{instruction}（{context}）" : $"{instruction} ({context})";
    }
}
