using WorkBrain.Core.Turns;

namespace WorkBrain.Core.Experts;

/// <summary>The eight built-in experts' descriptions, in the trained gate's output order (<see cref="ExpertIds.All"/>).</summary>
public static class ExpertDescriptors
{
    /// <summary>How strongly an audio attachment points at asr, and any other file at the expert that reads it.</summary>
    public const float AudioEvidence = 0.9f;
    public const float FileEvidence = 0.7f;

    // Capability names as in Engines.EngineCapability (Core.Experts must not depend on Core.Engines).
    public static IReadOnlyList<ExpertDescriptor> BuiltIn { get; } =
    [
        new(ExpertIds.TextGeneration, "Text") { Capability = "Text", WritesText = true },
        new(ExpertIds.ImageGeneration, "Image generation") { Capability = "Images" },
        new(ExpertIds.ImageUnderstanding, "Image understanding") { Capability = "Text", Evidence = [AttachmentKind.Image], EvidenceStrength = FileEvidence, WritesText = true },
        new(ExpertIds.VideoUnderstanding, "Video understanding") { Capability = "Text", Evidence = [AttachmentKind.Video], EvidenceStrength = FileEvidence, WritesText = true },
        new(ExpertIds.Asr, "Speech recognition") { Capability = "SpeechToText", Evidence = [AttachmentKind.Audio], EvidenceStrength = AudioEvidence, Stage = ExpertStage.BeforeRouting },
        new(ExpertIds.Tts, "Speech synthesis") { Capability = "TextToSpeech", Stage = ExpertStage.AfterText },
        new(ExpertIds.DocumentQa, "Document QA") { Capability = "Embeddings", Evidence = [AttachmentKind.Document], EvidenceStrength = FileEvidence, WritesText = true },
        new(ExpertIds.ExternalServices, "External services") { Capability = "Text", WritesText = true },
    ];

    public static ExpertDescriptor? Find(string id) => BuiltIn.FirstOrDefault(d => string.Equals(d.Id, id, StringComparison.Ordinal));
}
