using System.Text.RegularExpressions;

namespace WorkBrain.Core.Gate;

/// <summary>Turns a routed clause into an expert's instruction: drops polite lead-ins ("请帮我", "could you please")
/// and trailing courtesy ("，谢谢", "please"), keeping the request itself.</summary>
public static partial class InstructionCleaner
{
    [GeneratedRegex(@"^(?:(?:请问|请|麻烦你|麻烦|劳驾|帮忙|能不能|可不可以|可以|你能|你可以|我想让你|我想请你|帮我|给我|顺便|再|并|然后)\s*)+")]
    private static partial Regex ChineseLead();

    [GeneratedRegex(@"^(?:(?:hey|hi|ok|okay),?\s+)?(?:(?:please|kindly|can you|could you|would you|will you|i need you to|i'd like you to|help me|also|then)\s+)+", RegexOptions.IgnoreCase)]
    private static partial Regex EnglishLead();

    [GeneratedRegex(@"(?:[，,]?\s*(?:谢谢|麻烦了|多谢)|\s*(?:please|for me)|,\s*thanks?(?: you)?)[\s。.!！?？~～]*$", RegexOptions.IgnoreCase)]
    private static partial Regex Trail();

    public static string Clean(string clause)
    {
        ArgumentNullException.ThrowIfNull(clause);
        var c = clause.Trim();
        var cleaned = Trail().Replace(EnglishLead().Replace(ChineseLead().Replace(c, ""), ""), "").Trim();
        return cleaned.Length == 0 ? c : cleaned;
    }
}
