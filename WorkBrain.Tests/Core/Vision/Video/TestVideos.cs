using System.Diagnostics;

namespace WorkBrain.Tests.Core.Vision.Video;

/// <summary>Short videos generated with Debian's ffmpeg for the tests.</summary>
internal static class TestVideos
{
    /// <summary>4 s: a red scene, then at 2 s a white scene reading "SCENE TWO"; a 440 Hz tone throughout.</summary>
    public static Task<string> TwoScenesAsync() => GenerateAsync("two-scenes.mp4",
        "-f", "lavfi", "-i", "color=c=red:s=640x360:d=2:r=10",
        "-f", "lavfi", "-i", $"color=c=white:s=640x360:d=2:r=10,drawtext=fontfile={VisionTestServices.FontPath}:text='SCENE TWO':fontsize=72:fontcolor=black:x=120:y=140",
        "-f", "lavfi", "-i", "sine=frequency=440:duration=4",
        "-filter_complex", "[0:v][1:v]concat=n=2:v=1:a=0[v]", "-map", "[v]", "-map", "2:a",
        "-c:v", "libx264", "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest");

    /// <summary>4 s alternating black and white every 0.5 s: eight scenes.</summary>
    public static Task<string> FlickerAsync() => GenerateAsync("flicker.mp4",
        "-f", "lavfi", "-i", "color=c=black:s=160x120:d=4:r=10,format=gray,geq=lum='255*mod(floor(T*2)\\,2)',format=yuv420p",
        "-c:v", "libx264", "-pix_fmt", "yuv420p");

    /// <summary>3 s of one colour without sound: no scene changes.</summary>
    public static Task<string> StillAsync() => GenerateAsync("still.mp4",
        "-f", "lavfi", "-i", "color=c=green:s=320x240:d=3:r=10", "-c:v", "libx264", "-pix_fmt", "yuv420p");

    private static async Task<string> GenerateAsync(string name, params string[] args)
    {
        var path = Path.Combine(Path.GetTempPath(), "workbrain-vision-tests", $"{Guid.NewGuid():N}-{name}");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var psi = new ProcessStartInfo("/usr/bin/ffmpeg") { RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "-hide_banner", "-loglevel", "error", "-y" }.Concat(args).Append(path))
        {
            psi.ArgumentList.Add(a);
        }

        using var process = Process.Start(psi)!;
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return process.ExitCode == 0 ? path : throw new InvalidOperationException($"ffmpeg failed to generate {name}: {errors}");
    }
}
