using Microsoft.Extensions.AI;

#pragma warning disable MEAI001 // ISpeechToTextClient is experimental in Microsoft.Extensions.AI 10.x

namespace WorkBrain.Core.Speech.Asr;

/// <summary>How our speech-to-text clients hand over timed segments and the spoken language, and how
/// <see cref="SpeechTranscriber"/> reads them back (also from the OpenAI adapter, which names the language "Language").</summary>
internal static class SpeechUpdates
{
    public const string LanguageKey = "language";

    public static SpeechToTextResponseUpdate Segment(TranscriptSegment segment, string? language, string responseId, string? modelId) =>
        new(segment.Text)
        {
            Kind = SpeechToTextResponseUpdateKind.TextUpdated,
            ResponseId = responseId,
            ModelId = modelId,
            StartTime = TimeSpan.FromSeconds(segment.StartSeconds),
            EndTime = TimeSpan.FromSeconds(segment.EndSeconds),
            AdditionalProperties = new() { [LanguageKey] = language ?? "" },
        };

    public static string? LanguageOf(AdditionalPropertiesDictionary? properties)
    {
        if (properties is null)
        {
            return null;
        }

        foreach (var (key, value) in properties)
        {
            if (string.Equals(key, LanguageKey, StringComparison.OrdinalIgnoreCase) && value is string { Length: > 0 } language)
            {
                return language;
            }
        }

        return null;
    }
}
