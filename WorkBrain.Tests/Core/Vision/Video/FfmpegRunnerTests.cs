using Microsoft.Extensions.Options;
using WorkBrain.Core.Experts;
using WorkBrain.Core.Vision.Video;

namespace WorkBrain.Tests.Core.Vision.Video;

public sealed class FfmpegRunnerTests
{
    private static FfmpegRunner Runner(Action<VideoOptions>? configure = null)
    {
        var o = new VideoOptions { UniformFrames = 3 };
        configure?.Invoke(o);
        return new FfmpegRunner(Options.Create(o));
    }

    [Fact]
    public async Task ExtractKeyframesAsync_TwoScenes_FindsTheFirstFrameAndTheSceneChange()
    {
        var video = await TestVideos.TwoScenesAsync();
        var runner = Runner();
        var probe = await runner.ProbeAsync(video, "two-scenes.mp4", default);
        var folder = Directory.CreateTempSubdirectory().FullName;

        var frames = await runner.ExtractKeyframesAsync(video, "two-scenes.mp4", probe, folder, default);

        Assert.Equal(4, probe.DurationSeconds, 0);
        Assert.True(probe.HasAudio);
        Assert.Equal(2, frames.Count);
        Assert.Equal(0, frames[0].Seconds, 1);
        Assert.Equal(2, frames[1].Seconds, 1);
        Assert.Equal(["00:00", "00:02"], frames.Select(f => f.Timestamp));
        Assert.All(frames, f => Assert.True(new FileInfo(f.Path).Length > 0));
    }

    [Fact]
    public async Task ExtractKeyframesAsync_MoreScenesThanTheCap_SpreadsTheKeyframesOverTheVideo()
    {
        var video = await TestVideos.FlickerAsync();
        var runner = Runner(o => o.MaxKeyframes = 3);
        var probe = await runner.ProbeAsync(video, "flicker.mp4", default);

        var frames = await runner.ExtractKeyframesAsync(video, "flicker.mp4", probe, Directory.CreateTempSubdirectory().FullName, default);

        Assert.Equal(3, frames.Count);
        Assert.Equal(0, frames[0].Seconds, 1);
        Assert.True(frames[2].Seconds >= 2.5, string.Join(", ", frames.Select(f => f.Seconds)));
    }

    [Fact]
    public async Task ExtractKeyframesAsync_NoSceneChange_SamplesEvenly()
    {
        var video = await TestVideos.StillAsync();
        var runner = Runner();
        var probe = await runner.ProbeAsync(video, "still.mp4", default);

        var frames = await runner.ExtractKeyframesAsync(video, "still.mp4", probe, Directory.CreateTempSubdirectory().FullName, default);

        Assert.False(probe.HasAudio);
        Assert.Equal(3, frames.Count);
        Assert.Equal([0.0, 1.0, 2.0], frames.Select(f => Math.Round(f.Seconds, 1)));
    }

    [Fact]
    public async Task ExtractAudioAsync_Video_Writes16kHzMonoWav()
    {
        var video = await TestVideos.TwoScenesAsync();

        var wav = await Runner().ExtractAudioAsync(video, "two-scenes.mp4", Directory.CreateTempSubdirectory().FullName, default);

        var header = (await File.ReadAllBytesAsync(wav))[..44];
        Assert.Equal("WAVE", System.Text.Encoding.ASCII.GetString(header, 8, 4));
        Assert.Equal(1, BitConverter.ToInt16(header, 22));
        Assert.Equal(16000, BitConverter.ToInt32(header, 24));
    }

    [Fact]
    public async Task ProbeAsync_CorruptFile_ThrowsClearMessage()
    {
        var path = Path.Combine(Path.GetTempPath(), $"{Guid.NewGuid():N}-clip.mp4");
        await File.WriteAllBytesAsync(path, [0, 0, 0, 24, 102, 116, 121, 112, 1, 2, 3, 4, 5, 6, 7]);

        var ex = await Assert.ThrowsAsync<ExpertException>(() => Runner().ProbeAsync(path, "clip.mp4", default));

        Assert.Contains("clip.mp4 is not a video", ex.Message);
    }

    [Fact]
    public async Task ProbeAsync_NoFfmpeg_SaysHowToInstallIt()
    {
        var runner = Runner(o => o.FfmpegFolder = "/nonexistent");

        var ex = await Assert.ThrowsAsync<ExpertException>(() => runner.ProbeAsync("/tmp/x.mp4", "x.mp4", default));

        Assert.False(runner.IsInstalled);
        Assert.Contains("apt-get install ffmpeg", ex.Message);
    }
}
