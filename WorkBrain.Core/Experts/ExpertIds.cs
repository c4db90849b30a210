namespace WorkBrain.Core.Experts;

/// <summary>The eight experts' stable ids, in the gate's output order (see DESIGN.md).</summary>
public static class ExpertIds
{
    public const string TextGeneration = "text_generation";
    public const string ImageGeneration = "image_generation";
    public const string ImageUnderstanding = "image_understanding";
    public const string VideoUnderstanding = "video_understanding";
    public const string Asr = "asr";
    public const string Tts = "tts";
    public const string DocumentQa = "document_qa";
    public const string ExternalServices = "external_services";

    public static IReadOnlyList<string> All { get; } =
    [
        TextGeneration, ImageGeneration, ImageUnderstanding, VideoUnderstanding,
        Asr, Tts, DocumentQa, ExternalServices,
    ];

    /// <summary>The seed's Chinese class labels, in the same order as <see cref="All"/>.</summary>
    public static IReadOnlyList<string> ChineseLabels { get; } =
    [
        "文本生成能力", "以文生图能力", "图片理解能力", "视频理解能力",
        "语音识别能力", "语音合成能力", "文档问答能力", "外部接口能力",
    ];

    public static IReadOnlyList<string> DisplayNames { get; } = [.. ExpertDescriptors.BuiltIn.Select(d => d.DisplayName)];

    public static int IndexOf(string id)
    {
        for (var i = 0; i < All.Count; i++)
        {
            if (string.Equals(All[i], id, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    public static bool IsKnown(string id) => IndexOf(id) >= 0;

    public static string DisplayName(string id) => IndexOf(id) is var i and >= 0 ? DisplayNames[i] : id;
}
