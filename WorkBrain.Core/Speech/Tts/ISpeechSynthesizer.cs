using WorkBrain.Core.Experts;
using WorkBrain.Core.Speech.Audio;

namespace WorkBrain.Core.Speech.Tts;

/// <summary>One text-to-speech engine.</summary>
public interface ISpeechSynthesizer
{
    ExpertStatus GetStatus();

    Task<AudioClip> SynthesizeAsync(string text, CancellationToken cancellationToken = default);
}
