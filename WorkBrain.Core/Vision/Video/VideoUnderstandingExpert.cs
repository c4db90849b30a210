using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WorkBrain.Core.Events;
using WorkBrain.Core.Experts;
using WorkBrain.Core.Speech;
using WorkBrain.Core.Turns;

namespace WorkBrain.Core.Vision.Video;

/// <summary>Answers questions about attached videos: keyframes at scene changes go through the image models,
/// the sound track through speech recognition when available, and the answer is a timeline.</summary>
public sealed partial class VideoUnderstandingExpert(
    FfmpegRunner ffmpeg,
    ImageAnalyzer images,
    IEnumerable<ISpeechTranscriber> transcribers,
    FactPhraser phraser,
    IOptions<VideoOptions> options,
    ILogger<VideoUnderstandingExpert> logger) : IExpert
{
    internal const string PhrasingPrompt =
        "You answer questions about videos the user attached. You cannot watch them: local tools extracted keyframes at scene " +
        "changes (each with an ImageNet classifier's top labels and any text read by OCR) and transcribed the speech. Answer the " +
        "request from this timeline only, keep the timestamps (mm:ss), quote text and speech exactly, say plainly when the findings " +
        "are not enough, and answer in the user's language.";

    private readonly ISpeechTranscriber? _transcriber = transcribers.FirstOrDefault();

    public string Id => ExpertIds.VideoUnderstanding;

    public ExpertStatus GetStatus()
    {
        if (!ffmpeg.IsInstalled)
        {
            return new ExpertStatus(Id, ExpertState.NotConfigured, "ffmpeg + local ONNX", "CPU",
                $"ffmpeg/ffprobe not found in {options.Value.FfmpegFolder}: install the Debian package ffmpeg or set VideoUnderstanding:FfmpegFolder.");
        }

        var missing = images.MissingFiles();
        if (missing.Count > 0)
        {
            return new ExpertStatus(Id, ExpertState.NotDownloaded, "ffmpeg + local ONNX", "CPU",
                $"Missing model files for keyframes: {string.Join(", ", missing)}. Pull \"pp-ocrv4\" and \"squeezenet\".");
        }

        var speech = _transcriber?.GetStatus().IsAvailable == true ? "speech transcribed" : "speech not transcribed (no speech recogniser available)";
        return new ExpertStatus(Id, ExpertState.Ready, "ffmpeg + local ONNX", "CPU", $"Keyframes at scene changes with OCR and classification; {speech}.");
    }

    public async IAsyncEnumerable<BrainEvent> RunAsync(ExpertRequest request, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var videos = request.Turn.Attachments.Where(a => a.Kind == AttachmentKind.Video).ToList();
        if (videos.Count == 0)
        {
            throw FactPhraser.NoInput("video");
        }

        var facts = new StringBuilder();
        foreach (var video in videos)
        {
            CheckSize(video);
            var work = Directory.CreateTempSubdirectory("workbrain-video-");
            try
            {
                yield return new ExpertProgress(Id, 0, $"Probing {video.FileName}");
                var probe = await ffmpeg.ProbeAsync(video.StoredPath, video.FileName, cancellationToken);
                yield return new ExpertProgress(Id, 0.1, "Finding keyframes at scene changes");
                var frames = await ffmpeg.ExtractKeyframesAsync(video.StoredPath, video.FileName, probe, work.FullName, cancellationToken);
                LogKeyframes(video.FileName, frames.Count, probe.DurationSeconds);

                var keyframes = new List<(VideoFrame, ImageAnalysis)>();
                for (var i = 0; i < frames.Count; i++)
                {
                    yield return new ExpertProgress(Id, 0.2 + 0.6 * i / Math.Max(1, frames.Count), $"Looking at the frame at {frames[i].Timestamp}");
                    keyframes.Add((frames[i], await images.AnalyzeFileAsync(frames[i].Path, $"{video.FileName} @ {frames[i].Timestamp}", cancellationToken)));
                }

                Transcript? speech = null;
                string soundNote;
                if (!probe.HasAudio)
                {
                    soundNote = "the video has no sound track.";
                }
                else if (_transcriber is null || !_transcriber.GetStatus().IsAvailable)
                {
                    soundNote = "not transcribed: " + (_transcriber?.GetStatus().Detail ?? "no speech recogniser is installed.");
                }
                else
                {
                    yield return new ExpertProgress(Id, 0.85, "Transcribing the sound track");
                    var wav = await ffmpeg.ExtractAudioAsync(video.StoredPath, video.FileName, work.FullName, cancellationToken);
                    speech = await _transcriber.TranscribeAsync(wav, null, cancellationToken);
                    soundNote = "no speech found.";
                }

                var timeline = new VideoTimeline(video.FileName, probe, keyframes, speech, soundNote);
                facts.Append(timeline.ToMarkdown()).Append('\n');
                if (video.Url is { } url)
                {
                    yield return new MediaTimeline(Id, url, video.FileName, "video", probe.DurationSeconds, timeline.Entries());
                }
            }
            finally
            {
                TryDelete(work);
            }
        }

        await foreach (var text in phraser.PhraseAsync(PhrasingPrompt, string.IsNullOrWhiteSpace(request.Instruction) ? request.Turn.Text : request.Instruction,
                           facts.ToString().TrimEnd(), cancellationToken))
        {
            yield return new TextDelta(Id, text);
        }
    }

    private void CheckSize(Attachment video)
    {
        if (!File.Exists(video.StoredPath))
        {
            throw new ExpertException($"The video {video.FileName} could not be found.");
        }

        var length = new FileInfo(video.StoredPath).Length;
        if (length > options.Value.MaxVideoBytes)
        {
            throw new ExpertException($"The video {video.FileName} is too large ({length / 1048576.0:F0} MB); the limit is {options.Value.MaxVideoBytes / 1048576.0:F0} MB.");
        }
    }

    private void TryDelete(DirectoryInfo folder)
    {
        try
        {
            folder.Delete(recursive: true);
        }
        catch (IOException ex)
        {
            LogCleanupFailed(folder.FullName, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Video {Name}: {Count} keyframes over {Seconds:F1} s")]
    private partial void LogKeyframes(string name, int count, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not delete the temporary folder {Folder}")]
    private partial void LogCleanupFailed(string folder, Exception exception);
}
