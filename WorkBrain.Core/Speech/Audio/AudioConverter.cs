using WorkBrain.Core.Experts;

namespace WorkBrain.Core.Speech.Audio;

/// <summary>Decodes any audio or video file ffmpeg can read (webm/opus, ogg, mp3, m4a, wav, mp4…) to mono float PCM at a fixed rate.</summary>
public sealed class AudioConverter(string ffmpegPath = "ffmpeg")
{
    public const int WhisperSampleRate = 16000;

    /// <param name="maxSeconds">Longer audio is rejected with an <see cref="ExpertException"/>; 0 means no limit.</param>
    public async Task<AudioClip> LoadAsync(string path, int sampleRate = WhisperSampleRate, double maxSeconds = 0, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentOutOfRangeException.ThrowIfLessThan(sampleRate, 1000);
        if (!File.Exists(path))
        {
            throw new ExpertException($"The audio file {Path.GetFileName(path)} does not exist.");
        }

        var args = new List<string> { "-nostdin", "-hide_banner", "-loglevel", "error", "-i", path, "-vn" };
        if (maxSeconds > 0)
        {
            // Read a little more than allowed so an over-long file can be recognised without decoding all of it.
            args.AddRange(["-t", (maxSeconds + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        }

        args.AddRange(["-ac", "1", "-ar", sampleRate.ToString(System.Globalization.CultureInfo.InvariantCulture), "-c:a", "pcm_f32le", "-f", "wav", "-"]);
        ProcessResult result;
        try
        {
            result = await ProcessRunner.RunAsync(ffmpegPath, args, null, cancellationToken).ConfigureAwait(false);
        }
        catch (FileNotFoundException e)
        {
            throw new ExpertException("ffmpeg is needed to read audio; install it (apt-get install ffmpeg).", e);
        }

        if (result.ExitCode != 0 || result.Output.Length <= 44)
        {
            var reason = FirstLine(result.Error);
            throw new ExpertException(reason.Length > 0
                ? $"Could not read the audio in {Path.GetFileName(path)}: the file is damaged or not audio ({reason})."
                : $"Could not read the audio in {Path.GetFileName(path)}: the file is damaged or not audio.");
        }

        AudioClip clip;
        try
        {
            clip = WavFile.Read(result.Output);
        }
        catch (InvalidDataException e)
        {
            throw new ExpertException($"Could not read the audio in {Path.GetFileName(path)}: {e.Message}", e);
        }

        if (clip.Samples.Length == 0)
        {
            throw new ExpertException($"The file {Path.GetFileName(path)} contains no audio.");
        }

        if (maxSeconds > 0 && clip.DurationSeconds > maxSeconds + 0.05)
        {
            throw new ExpertException($"The audio is longer than the {maxSeconds:0.#} s limit; send a shorter recording.");
        }

        return clip;
    }

    private static string FirstLine(string text)
    {
        var line = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? "";
        return line.Length > 200 ? line[..200] : line;
    }
}
