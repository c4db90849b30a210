using System.Text;

namespace WorkBrain.Core.Tools;

/// <summary>Normalises how people write numbers and operators (full-width digits, ×÷, 加减乘除) to plain ASCII.</summary>
internal static class ExpressionText
{
    private static readonly (string From, string To)[] Words =
    [
        ("乘以", "*"), ("除以", "/"), ("加上", "+"), ("减去", "-"), ("根号", "sqrt "),
        ("加", "+"), ("减", "-"), ("乘", "*"), ("除", "/"), ("×", "*"), ("÷", "/"), ("·", "*"),
        ("（", "("), ("）", ")"), ("－", "-"), ("−", "-"), ("＋", "+"), ("＊", "*"), ("／", "/"), ("＾", "^"),
        ("％", "%"), ("．", "."), ("。", "."), ("，", ","), ("π", "pi"), ("**", "^"),
    ];

    public static string Normalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            sb.Append(c switch
            {
                >= '０' and <= '９' => (char)('0' + (c - '０')),
                >= 'Ａ' and <= 'Ｚ' => (char)('A' + (c - 'Ａ')),
                >= 'ａ' and <= 'ｚ' => (char)('a' + (c - 'ａ')),
                '\u3000' => ' ',
                _ => c,
            });
        }

        foreach (var (from, to) in Words)
        {
            sb.Replace(from, to);
        }

        return sb.ToString();
    }
}
