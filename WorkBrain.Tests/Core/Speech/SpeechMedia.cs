using System.Diagnostics;

namespace WorkBrain.Tests.Core.Speech;

/// <summary>Generates test audio with the Debian ffmpeg and espeak-ng in a per-test temporary folder.</summary>
internal static class SpeechMedia
{
    public static string NewFolder()
    {
        var dir = Path.Combine(Path.GetTempPath(), "workbrain-speech-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }

    public static async Task<string> RunAsync(string program, params string[] args)
    {
        var psi = new ProcessStartInfo(program) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using var p = Process.Start(psi)!;
        var stderr = p.StandardError.ReadToEndAsync();
        await p.StandardOutput.ReadToEndAsync();
        await p.WaitForExitAsync();
        Assert.True(p.ExitCode == 0, $"{program} failed: {await stderr}");
        return await stderr;
    }

    /// <summary>A sine tone encoded by ffmpeg into <paramref name="fileName"/> (extension picks the container).</summary>
    public static async Task<string> SineAsync(string folder, string fileName, double seconds, params string[] codec)
    {
        var path = Path.Combine(folder, fileName);
        await RunAsync("ffmpeg", ["-nostdin", "-y", "-loglevel", "error", "-f", "lavfi", "-i", $"sine=frequency=440:sample_rate=48000:duration={seconds}", .. codec, path]);
        return path;
    }

    /// <summary>espeak-ng speech padded with silence on both sides, as 16 kHz mono WAV.</summary>
    public static async Task<string> PaddedSpeechAsync(string folder, string text, string voice, double padSeconds)
    {
        var speech = Path.Combine(folder, "speech.wav");
        await RunAsync("espeak-ng", "-v", voice, "-w", speech, text);
        var padded = Path.Combine(folder, "padded.wav");
        var ms = (int)(padSeconds * 1000);
        await RunAsync("ffmpeg", "-nostdin", "-y", "-loglevel", "error", "-i", speech,
            "-af", $"adelay={ms},apad=pad_dur={padSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)}",
            "-ac", "1", "-ar", "16000", padded);
        return padded;
    }
}
