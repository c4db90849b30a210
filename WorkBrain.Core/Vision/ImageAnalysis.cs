using System.Globalization;
using System.Text;
using WorkBrain.Core.Vision.Classification;
using WorkBrain.Core.Vision.Ocr;

namespace WorkBrain.Core.Vision;

/// <summary>What the local models found in one image.</summary>
public sealed record ImageAnalysis(string Name, int Width, int Height, IReadOnlyList<ImageLabel> Labels, OcrResult Text)
{
    public string LabelSummary => string.Join(", ", Labels.Select(l => string.Create(CultureInfo.InvariantCulture, $"{l.Name} ({l.Probability * 100:F0}%)")));

    /// <summary>A short markdown description of the findings, used as the answer when no text model can phrase it.</summary>
    public string ToMarkdown()
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"**{Name}** ({Width}×{Height})\n");
        if (Labels.Count > 0)
        {
            sb.Append(CultureInfo.InvariantCulture, $"- Looks like (ImageNet classifier): {LabelSummary}\n");
        }

        if (Text.IsEmpty)
        {
            sb.Append("- No text found.\n");
        }
        else
        {
            sb.Append("- Text read (OCR, in reading order):\n");
            foreach (var line in Text.LineTexts)
            {
                sb.Append("  > ").Append(line).Append('\n');
            }
        }

        return sb.ToString();
    }
}
