using System.Globalization;
using System.Text;
using Microsoft.Extensions.Options;
using WorkBrain.Core.Experts;
using WorkBrain.Core.Speech.Audio;

namespace WorkBrain.Core.Speech.Tts;

/// <summary>espeak-ng as the always-available voice: Chinese runs with the Mandarin voice, the rest with the English one,
/// joined with a short pause.</summary>
internal sealed class EspeakSynthesizer(IOptions<TtsOptions> options) : ISpeechSynthesizer
{
    private bool? _installed;

    public ExpertStatus GetStatus()
    {
        var o = options.Value;
        _installed ??= IsInstalled(o.EspeakPath);
        return _installed.Value
            ? new ExpertStatus(ExpertIds.Tts, ExpertState.Ready, "espeak-ng", "CPU", $"voices {o.ChineseVoice} and {o.EnglishVoice}", "espeak-ng")
            : new ExpertStatus(ExpertIds.Tts, ExpertState.NotConfigured, "espeak-ng", "CPU",
                "espeak-ng is not installed: apt-get install espeak-ng, or set Tts:Endpoint to a /v1/audio/speech server.");
    }

    public async Task<AudioClip> SynthesizeAsync(string text, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        var o = options.Value;
        var parts = new List<AudioClip>();
        foreach (var run in ScriptRuns.Split(text))
        {
            parts.Add(await SpeakAsync(run.Text, run.IsChinese ? o.ChineseVoice : o.EnglishVoice, o, cancellationToken).ConfigureAwait(false));
        }

        if (parts.Count == 0)
        {
            throw new ExpertException("There is nothing to read aloud.");
        }

        return Join(parts, 0.12);
    }

    internal static AudioClip Join(IReadOnlyList<AudioClip> parts, double pauseSeconds)
    {
        var rate = parts[0].SampleRate;
        var pause = (int)(pauseSeconds * rate);
        var resampled = parts.Select(p => Resampler.To(p, rate)).ToList();
        var samples = new float[resampled.Sum(p => p.Samples.Length) + (pause * (resampled.Count - 1))];
        var at = 0;
        foreach (var p in resampled)
        {
            p.Samples.CopyTo(samples, at);
            at += p.Samples.Length + pause;
        }

        return new AudioClip(samples, rate);
    }

    private static async Task<AudioClip> SpeakAsync(string text, string voice, TtsOptions o, CancellationToken cancellationToken)
    {
        ProcessResult result;
        try
        {
            result = await ProcessRunner.RunAsync(o.EspeakPath,
                ["-v", voice, "-s", o.WordsPerMinute.ToString(CultureInfo.InvariantCulture), "-b", "1", "--stdout"],
                Encoding.UTF8.GetBytes(text), cancellationToken).ConfigureAwait(false);
        }
        catch (FileNotFoundException e)
        {
            throw new ExpertException("espeak-ng is not installed: apt-get install espeak-ng.", e);
        }

        if (result.ExitCode != 0 || result.Output.Length <= 44)
        {
            throw new ExpertException($"espeak-ng could not speak with voice {voice}: {result.Error.Trim()}");
        }

        return WavFile.Read(result.Output);
    }

    private static bool IsInstalled(string path)
    {
        try
        {
            using var p = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo(path, "--version")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            });
            p?.WaitForExit(5000);
            return p is { HasExited: true, ExitCode: 0 };
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}
