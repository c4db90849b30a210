namespace WorkBrain.Web.Components.Pages.Chat;

/// <summary>Which part of a cited passage the answer used: the longest stretch of the passage that the answer repeats.</summary>
internal static class Passage
{
    private const int MinimumMatch = 6;
    private const int MaxLength = 1500;

    public static (string Before, string Used, string After) Split(string passage, string? answer)
    {
        if (string.IsNullOrEmpty(passage) || string.IsNullOrEmpty(answer))
        {
            return (passage, "", "");
        }

        var a = passage.Length > MaxLength ? passage[..MaxLength] : passage;
        var b = answer.Length > MaxLength ? answer[..MaxLength] : answer;

        // Longest common substring, one row of the table at a time.
        var previous = new int[b.Length + 1];
        var row = new int[b.Length + 1];
        int best = 0, end = 0;
        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                row[j] = char.ToLowerInvariant(a[i - 1]) == char.ToLowerInvariant(b[j - 1]) ? previous[j - 1] + 1 : 0;
                if (row[j] > best)
                {
                    best = row[j];
                    end = i;
                }
            }

            (previous, row) = (row, previous);
        }

        return best < MinimumMatch
            ? (passage, "", "")
            : (passage[..(end - best)], passage[(end - best)..end], passage[end..]);
    }
}
