using System.Diagnostics;

namespace WorkBrain.Web.Api;

/// <summary>Turns a WAV into the other formats /v1/audio/speech offers (mp3, opus, aac, flac, pcm) with ffmpeg.</summary>
internal static class SpeechEncoder
{
    private static readonly Dictionary<string, (string ContentType, string[] Arguments)> Formats = new(StringComparer.Ordinal)
    {
        ["mp3"] = ("audio/mpeg", ["-c:a", "libmp3lame", "-q:a", "4", "-f", "mp3"]),
        ["opus"] = ("audio/ogg", ["-c:a", "libopus", "-b:a", "48k", "-f", "ogg"]),
        ["aac"] = ("audio/aac", ["-c:a", "aac", "-b:a", "96k", "-f", "adts"]),
        ["flac"] = ("audio/flac", ["-c:a", "flac", "-f", "flac"]),
        // OpenAI's "pcm": raw 24 kHz mono signed 16-bit little-endian samples.
        ["pcm"] = ("audio/pcm", ["-ar", "24000", "-ac", "1", "-f", "s16le"]),
    };

    public static IReadOnlyCollection<string> Supported => ["wav", .. Formats.Keys];

    public static bool IsSupported(string format) => format == "wav" || Formats.ContainsKey(format);

    public static async Task<(byte[] Bytes, string ContentType)> EncodeAsync(byte[] wav, string format, CancellationToken cancellationToken)
    {
        if (format == "wav")
        {
            return (wav, "audio/wav");
        }

        var (contentType, arguments) = Formats[format];
        var folder = Path.Combine(Path.GetTempPath(), "workbrain-speech-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var input = Path.Combine(folder, "in.wav");
            var output = Path.Combine(folder, "out." + format);
            await File.WriteAllBytesAsync(input, wav, cancellationToken);
            var start = new ProcessStartInfo("ffmpeg") { RedirectStandardError = true, UseShellExecute = false };
            foreach (var a in (string[])["-nostdin", "-y", "-loglevel", "error", "-i", input, .. arguments, output])
            {
                start.ArgumentList.Add(a);
            }

            using var process = Process.Start(start) ?? throw new InvalidOperationException("ffmpeg could not be started.");
            var error = process.StandardError.ReadToEndAsync(cancellationToken);
            try
            {
                await process.WaitForExitAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw;
            }

            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"ffmpeg could not encode {format}: {(await error).Trim()}");
            }

            return (await File.ReadAllBytesAsync(output, cancellationToken), contentType);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
