using System.Globalization;
using System.Text.RegularExpressions;
using FFMpegCore;
using FFMpegCore.Enums;
using Microsoft.Extensions.Options;
using WorkBrain.Core.Experts;

namespace WorkBrain.Core.Vision.Video;

/// <summary>ffprobe and ffmpeg through FFMpegCore: probing, keyframes at scene changes (or evenly spaced), the sound track as 16 kHz mono WAV.</summary>
public sealed partial class FfmpegRunner(IOptions<VideoOptions> options)
{
    private FFOptions FfOptions => new() { BinaryFolder = options.Value.FfmpegFolder, TemporaryFilesFolder = Path.GetTempPath() };

    public bool IsInstalled => File.Exists(options.Value.FfmpegPath) && File.Exists(options.Value.FfprobePath);

    public async Task<VideoProbe> ProbeAsync(string path, string name, CancellationToken cancellationToken)
    {
        EnsureInstalled();
        IMediaAnalysis analysis;
        try
        {
            analysis = await FFProbe.AnalyseAsync(path, FfOptions, null, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw new ExpertException($"The file {name} is not a video I can read (corrupt or unsupported format).", ex);
        }

        var video = analysis.PrimaryVideoStream;
        if (video is null)
        {
            throw new ExpertException($"The file {name} has no video stream.");
        }

        var duration = analysis.Duration.TotalSeconds > 0 ? analysis.Duration.TotalSeconds : video.Duration.TotalSeconds;
        if (duration > options.Value.MaxDurationSeconds)
        {
            throw new ExpertException($"The video {name} is too long ({VideoFrame.FormatTime(duration)}); the limit is {VideoFrame.FormatTime(options.Value.MaxDurationSeconds)}.");
        }

        return new VideoProbe(duration, video.Width ?? 0, video.Height ?? 0, true, analysis.PrimaryAudioStream is not null);
    }

    /// <summary>The first frame plus frames whose scene-change score exceeds the threshold, at most <see cref="VideoOptions.MaxKeyframes"/> spread over the video;
    /// evenly spaced frames when the video never changes scene.</summary>
    public async Task<IReadOnlyList<VideoFrame>> ExtractKeyframesAsync(string path, string name, VideoProbe probe, string outputFolder, CancellationToken cancellationToken)
    {
        var o = options.Value;
        var threshold = o.SceneThreshold.ToString("0.###", CultureInfo.InvariantCulture);
        // Scene changes closer together than duration/cap to the previous keyframe are skipped, so the cap spreads over the whole video.
        var gap = (probe.DurationSeconds / o.MaxKeyframes).ToString("0.###", CultureInfo.InvariantCulture);
        var select = $"select='eq(n\\,0)+gt(scene\\,{threshold})*gte(t-prev_selected_t\\,{gap})'";
        var frames = await ExtractAsync(path, name, select, o.MaxKeyframes, Path.Combine(outputFolder, "scene-%04d.jpg"), cancellationToken);
        if (frames.Count >= 2 || probe.DurationSeconds <= 0)
        {
            return frames;
        }

        foreach (var frame in frames)
        {
            File.Delete(frame.Path);
        }

        var rate = (o.UniformFrames / probe.DurationSeconds).ToString("0.######", CultureInfo.InvariantCulture);
        return await ExtractAsync(path, name, $"fps=fps={rate}:start_time=0", o.UniformFrames, Path.Combine(outputFolder, "uniform-%04d.jpg"), cancellationToken);
    }

    public async Task<string> ExtractAudioAsync(string path, string name, string outputFolder, CancellationToken cancellationToken)
    {
        var wav = Path.Combine(outputFolder, "sound.wav");
        await RunAsync(name, FFMpegArguments.FromFileInput(path).OutputToFile(wav, true, a => a
            .WithCustomArgument("-vn -ac 1 -ar 16000 -c:a pcm_s16le")), null, cancellationToken);
        return wav;
    }

    private async Task<IReadOnlyList<VideoFrame>> ExtractAsync(string path, string name, string filter, int max, string pattern, CancellationToken cancellationToken)
    {
        var times = new List<double>();
        await RunAsync(name, FFMpegArguments.FromFileInput(path).OutputToFile(pattern, true, a => a
            .WithCustomArgument($"-vf \"{filter},showinfo\" -fps_mode vfr -frames:v {max} -q:v 3")), line =>
        {
            var match = PtsTime().Match(line);
            if (match.Success && line.Contains("showinfo", StringComparison.Ordinal))
            {
                lock (times)
                {
                    times.Add(double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture));
                }
            }
        }, cancellationToken);

        var files = Directory.GetFiles(Path.GetDirectoryName(pattern)!, Path.GetFileName(pattern).Replace("%04d", "*", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();
        return files.Select((f, i) => new VideoFrame(i < times.Count ? times[i] : 0, f)).ToList();
    }

    private async Task RunAsync(string name, FFMpegArgumentProcessor processor, Action<string>? onError, CancellationToken cancellationToken)
    {
        EnsureInstalled();
        var errors = new List<string>();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(options.Value.TimeoutSeconds));
        processor = processor
            .WithLogLevel(FFMpegLogLevel.Info)
            .NotifyOnStandardError(line =>
            {
                onError?.Invoke(line);
                lock (errors)
                {
                    errors.Add(line);
                }
            })
            .CancellableThrough(timeout.Token);
        bool ok;
        try
        {
            ok = (await processor.ProcessAsynchronously(throwOnError: false, FfOptions)).Success;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw new ExpertException($"ffmpeg could not process {name}: {ex.Message}", ex);
        }

        cancellationToken.ThrowIfCancellationRequested();
        if (timeout.IsCancellationRequested)
        {
            throw new ExpertException($"ffmpeg took longer than {options.Value.TimeoutSeconds} s on {name}.");
        }

        if (!ok)
        {
            var last = errors.LastOrDefault(l => !string.IsNullOrWhiteSpace(l)) ?? "unknown error";
            throw new ExpertException($"ffmpeg could not process {name} (corrupt or unsupported video): {last.Trim()}");
        }
    }

    private void EnsureInstalled()
    {
        if (!IsInstalled)
        {
            throw new ExpertException(
                $"ffmpeg is not installed in {options.Value.FfmpegFolder}: install the Debian package ffmpeg (apt-get install ffmpeg) or set VideoUnderstanding:FfmpegFolder.");
        }
    }

    [GeneratedRegex(@"pts_time:\s*(-?[0-9]+(?:\.[0-9]+)?)")]
    private static partial Regex PtsTime();
}
