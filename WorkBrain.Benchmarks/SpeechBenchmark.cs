using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using WorkBrain.Core.Models;
using WorkBrain.Core.Speech.Asr;
using WorkBrain.Core.Speech.Audio;
using WorkBrain.Core.Speech.Tts;
using WorkBrain.Core.Speech.Vad;
using WorkBrain.Core.Speech.Whisper;

namespace WorkBrain.Benchmarks;

/// <summary>Real-time factors (processing time / audio duration; below 1 is faster than real time) of the speech path:
/// espeak-ng TTS (Chinese and English), Silero VAD, the log-mel front end, and Whisper ASR end to end. Without a Whisper
/// folder as argument the ASR figures come from the tiny generated model (models/fixtures/tiny_whisper.py), which measures
/// the pipeline's overhead, not a real model's speed.</summary>
internal sealed class SpeechBenchmark : IBenchmark
{
    private const string English =
        "WorkBrain is a self-hosted assistant. It listens to recordings, reads answers aloud, and routes each request to the right expert. " +
        "This paragraph is long enough to give the voice activity detector and the recogniser several seconds of speech to work on.";

    private const string Chinese = "今天天气很好，我们一起去公园散步吧。语音合成把文字变成声音，语音识别把声音变成文字。";

    public string Name => "speech";

    public string Description => "Speech RTF: espeak-ng TTS, Silero VAD, log-mel, Whisper ASR (args: [whisper model folder])";

    public async Task RunAsync(IReadOnlyList<string> args, TextWriter output, CancellationToken cancellationToken)
    {
        var models = new ModelsOptions();
        using var services = SpeechServices.Build(new() { ["Tts:Backend"] = "espeak" });
        var espeak = services.GetRequiredService<SpeechSynthesizer>();

        output.WriteLine($"CPU cores visible: {Environment.ProcessorCount}");
        await espeak.SynthesizeAsync("warm up", cancellationToken);
        foreach (var (label, text) in new[] { ("English", English), ("Chinese", Chinese) })
        {
            var (clip, seconds) = await TimeAsync(() => espeak.SynthesizeAsync(text, cancellationToken), 3);
            output.WriteLine($"TTS espeak-ng {label}: {clip.DurationSeconds:0.0} s audio in {seconds * 1000:0} ms, RTF {seconds / clip.DurationSeconds:0.000}");
        }

        var speech = await espeak.SynthesizeAsync(English, cancellationToken);
        var padded = new float[speech.Samples.Length + (2 * speech.SampleRate)];
        speech.Samples.CopyTo(padded, speech.SampleRate);
        var audio = Resampler.To(new AudioClip(padded, speech.SampleRate), 16000);
        var wav = Path.Combine(Path.GetTempPath(), $"workbrain-speech-bench-{Environment.ProcessId}.wav");
        await File.WriteAllBytesAsync(wav, WavFile.Write(audio), cancellationToken);
        output.WriteLine($"Test audio: espeak-ng English with 1 s of silence each side, {audio.DurationSeconds:0.0} s at 16 kHz");

        var vadPath = Path.Combine(models.ResolveDirectory(), "vad", "silero_vad.onnx");
        if (File.Exists(vadPath))
        {
            using var vad = new SileroVad(vadPath);
            vad.Probabilities(audio.Slice(0, 16000), cancellationToken);
            var (segments, seconds) = await TimeAsync(() => Task.FromResult(vad.Detect(audio, new VadOptions(), cancellationToken)), 3);
            output.WriteLine($"VAD Silero v6: {seconds * 1000:0} ms, RTF {seconds / audio.DurationSeconds:0.0000}, {segments.Count} segment(s), " +
                             $"first {segments.FirstOrDefault().StartSeconds(16000):0.00}-{segments.FirstOrDefault().EndSeconds(16000):0.00} s");
        }
        else
        {
            output.WriteLine($"VAD: skipped, {vadPath} not found (set WORKBRAIN_MODELS).");
        }

        var window = Enumerable.Range(0, LogMel.ChunkSamples).Select(i => MathF.Sin(i * 0.01f) * 0.3f).ToArray();
        foreach (var bins in new[] { 80, 128 })
        {
            var mel = new LogMel(bins);
            var (_, seconds) = await TimeAsync(() => Task.FromResult(mel.Compute(window)), 6);
            output.WriteLine($"Log-mel {bins} bins, full 30 s window: {seconds * 1000:0} ms");
        }

        var whisperDir = args.Count > 0 ? args[0] : await GenerateTinyWhisperAsync(cancellationToken);
        var isTiny = args.Count == 0;
        var asr = Options.Create(new AsrOptions { LocalModel = whisperDir, VadModel = vadPath, MaxNewTokens = isTiny ? 64 : 224 });
        using var transcriber = new WhisperTranscriber(asr, Options.Create(models), NullLogger<WhisperTranscriber>.Instance);
        await transcriber.TranscribeAsync(wav, "en", cancellationToken);
        var (transcript, asrSeconds) = await TimeAsync(() => transcriber.TranscribeAsync(wav, null, cancellationToken), 3);
        output.WriteLine($"ASR {(isTiny ? "TINY GENERATED Whisper (random weights, cached decoder, 64-token cap; pipeline overhead only)" : "Whisper " + whisperDir)}: " +
                         $"{asrSeconds * 1000:0} ms, RTF {asrSeconds / audio.DurationSeconds:0.000} (ffmpeg + VAD + log-mel + encoder + greedy decoder), " +
                         $"language {transcript.Language}, {transcript.Segments.Count} segment(s)");
        if (!isTiny)
        {
            output.WriteLine($"  transcript: {transcript.Text}");
        }

        File.Delete(wav);
    }

    private static async Task<(T Result, double Seconds)> TimeAsync<T>(Func<Task<T>> action, int runs)
    {
        T result = default!;
        var best = double.MaxValue;
        for (var i = 0; i < runs; i++)
        {
            var clock = Stopwatch.StartNew();
            result = await action();
            best = Math.Min(best, clock.Elapsed.TotalSeconds);
        }

        return (result, best);
    }

    private static async Task<string> GenerateTinyWhisperAsync(CancellationToken cancellationToken)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "WorkBrain.sln")))
        {
            dir = dir.Parent;
        }

        var script = Path.Combine(dir?.FullName ?? ".", "models", "fixtures", "tiny_whisper.py");
        var outDir = Path.Combine(Path.GetTempPath(), $"workbrain-bench-tiny-whisper-{Environment.ProcessId}");
        Directory.CreateDirectory(outDir);
        using var process = Process.Start(new ProcessStartInfo("/usr/bin/python3", [script, outDir, "random", "80", "past"])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        }) ?? throw new InvalidOperationException("Could not start /usr/bin/python3.");
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.StandardOutput.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"tiny_whisper.py failed: {await stderr}");
        }

        return outDir.ToString(CultureInfo.InvariantCulture);
    }
}
