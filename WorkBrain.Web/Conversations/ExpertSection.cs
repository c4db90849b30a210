using System.Text;
using WorkBrain.Core.Events;

namespace WorkBrain.Web.Conversations;

/// <summary>What one expert contributed to an answer.</summary>
public sealed class ExpertSection(string expert)
{
    private readonly StringBuilder _text = new();

    public string Expert { get; } = expert;

    public string? Instruction { get; set; }

    public string Text => _text.ToString();

    public int TextLength => _text.Length;

    public List<ImageReady> Images { get; } = [];

    public List<AudioReady> Audio { get; } = [];

    public List<Citation> Citations { get; } = [];

    public List<ToolCalled> Tools { get; } = [];

    /// <summary>Text OCR read in attached images, with its boxes.</summary>
    public List<TextRegions> Regions { get; } = [];

    /// <summary>Attached videos and recordings with their moments (keyframes, speech).</summary>
    public List<MediaTimeline> Timelines { get; } = [];

    public ExpertProgress? Progress { get; set; }

    public string? Error { get; set; }

    public ExpertStats? Stats { get; set; }

    public bool Running => Stats is null && Error is null;

    public void AppendText(string text) => _text.Append(text);
}
