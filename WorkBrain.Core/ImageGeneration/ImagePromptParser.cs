using System.Globalization;
using System.Text.RegularExpressions;

namespace WorkBrain.Core.ImageGeneration;

/// <summary>Reads settings written in the request itself ("seed 42", "768x512", "steps 8", "guidance 7.5",
/// "种子 42", "8步", "negative: blurry") and leaves the rest as the prompt.</summary>
public static partial class ImagePromptParser
{
    public static ImageRequest Parse(string text, ImageGenerationOptions defaults, Func<long> randomSeed)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(defaults);
        ArgumentNullException.ThrowIfNull(randomSeed);
        var prompt = text;
        string? negative = null;
        var negativeMatch = Negative().Match(prompt);
        if (negativeMatch.Success)
        {
            negative = negativeMatch.Groups["v"].Value.Trim();
            prompt = prompt[..negativeMatch.Index];
        }

        long? seed = null;
        prompt = Seed().Replace(prompt, m =>
        {
            seed = long.Parse(m.Groups["v"].Value, CultureInfo.InvariantCulture);
            return " ";
        });
        int? width = null;
        int? height = null;
        prompt = Size().Replace(prompt, m =>
        {
            width = int.Parse(m.Groups["w"].Value, CultureInfo.InvariantCulture);
            height = int.Parse(m.Groups["h"].Value, CultureInfo.InvariantCulture);
            return " ";
        });
        int? steps = null;
        prompt = Steps().Replace(prompt, m =>
        {
            steps = int.Parse(m.Groups["v"].Value, CultureInfo.InvariantCulture);
            return " ";
        });
        double? guidance = null;
        prompt = Guidance().Replace(prompt, m =>
        {
            guidance = double.Parse(m.Groups["v"].Value, CultureInfo.InvariantCulture);
            return " ";
        });

        prompt = Spaces().Replace(prompt, " ").Trim(' ', ',', '，', ';', '；');
        return new ImageRequest(
            prompt,
            negative,
            RoundTo8(width ?? defaults.Width),
            RoundTo8(height ?? defaults.Height),
            Math.Clamp(steps ?? defaults.Steps, 1, 150),
            Math.Clamp(guidance ?? defaults.Guidance, 0, 30),
            seed ?? defaults.Seed ?? randomSeed());
    }

    private static int RoundTo8(int v) => Math.Clamp((int)Math.Round(v / 8.0) * 8, 64, 2048);

    [GeneratedRegex(@"(?:--seed|\bseed|种子)\s*[=:：]?\s*(?<v>\d{1,18})", RegexOptions.IgnoreCase)]
    private static partial Regex Seed();

    [GeneratedRegex(@"(?:(?:--steps|\bsteps)\s*[=:：]?\s*(?<v>\d{1,3})|(?<v>\d{1,3})\s*(?:步|steps\b))", RegexOptions.IgnoreCase)]
    private static partial Regex Steps();

    [GeneratedRegex(@"(?:--guidance|\bguidance|\bcfg|引导系数)\s*[=:：]?\s*(?<v>\d{1,2}(?:\.\d+)?)", RegexOptions.IgnoreCase)]
    private static partial Regex Guidance();

    [GeneratedRegex(@"(?<w>\d{2,4})\s*[x×*]\s*(?<h>\d{2,4})")]
    private static partial Regex Size();

    [GeneratedRegex(@"(?:--negative|\bnegative(?:\s+prompt)?|反向提示词|负面提示词)\s*[=:：]\s*(?<v>.+)$", RegexOptions.IgnoreCase)]
    private static partial Regex Negative();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
