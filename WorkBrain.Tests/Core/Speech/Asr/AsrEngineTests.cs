#pragma warning disable MEAI001 // ISpeechToTextClient is experimental in Microsoft.Extensions.AI 10.x

using System.Buffers.Binary;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using WorkBrain.Core.Engines;
using WorkBrain.Core.Events;
using WorkBrain.Core.Experts;
using WorkBrain.Core.Turns;
using WorkBrain.Tests.Support;

namespace WorkBrain.Tests.Core.Speech.Asr;

/// <summary>The asr expert as production composes it, run against each speech-to-text engine type configured under
/// <c>Engines:SpeechToText</c>: the same request, the same expectations.</summary>
public sealed class AsrEngineTests : IDisposable
{
    private const string VerboseJson =
        """{"task":"transcribe","language":"de","duration":2.0,"text":" hello hello hello","segments":[{"id":0,"seek":0,"start":0.5,"end":2.0,"text":" hello hello hello","tokens":[],"temperature":0.0,"avg_logprob":0.0,"compression_ratio":1.0,"no_speech_prob":0.0}]}""";

    private readonly string _dir = Directory.CreateTempSubdirectory("asr-engines-").FullName;
    private readonly List<IDisposable> _owned = [];

    private static ExpertRequest RequestWith(string audioPath) => ExpertRequest.For(
        Turn.FromText("") with
        {
            Attachments = [new Attachment(Path.GetFileName(audioPath), "audio/wav", AttachmentKind.Audio, audioPath, new FileInfo(audioPath).Length)],
        },
        "");

    private async Task<Dictionary<string, string?>> EngineAsync(string type)
    {
        const string prefix = "Engines:SpeechToText:under-test:";
        switch (type)
        {
            case "onnx":
                return new()
                {
                    [prefix + "Type"] = "onnx",
                    [prefix + "LocalModel"] = await TestModels.GenerateAsync("tiny_whisper", "text"),
                    [prefix + "VadModel"] = TestModels.RequireRealModel("vad/silero_vad.onnx"),
                    [prefix + "MaxNewTokens"] = "3",
                    [prefix + "Timestamps"] = "false",
                    [prefix + "Threads"] = "1",
                };
            case "openai":
                var server = new FakeSpeechServer((_, _) => (200, "application/json", Encoding.UTF8.GetBytes(VerboseJson)));
                _owned.Add(server);
                return new() { [prefix + "Type"] = "openai", [prefix + "Endpoint"] = server.BaseUrl, [prefix + "Model"] = "whisper-1" };
            default:
                throw new ArgumentOutOfRangeException(nameof(type));
        }
    }

    private IExpert Asr(Dictionary<string, string?> settings)
    {
        var provider = SpeechHost.Build(settings);
        _owned.Add(provider);
        return provider.GetServices<IExpert>().Single(e => e.Id == ExpertIds.Asr);
    }

    [Theory]
    [InlineData("onnx")]
    [InlineData("openai")]
    public async Task RunAsync_Recording_YieldsTheEnginesTranscript(string type)
    {
        var asr = Asr(await EngineAsync(type));
        var audio = await SpeechMedia.PaddedSpeechAsync(SpeechMedia.NewFolder(), "Good morning.", "en-us", 0.5);

        var events = await asr.RunAsync(RequestWith(audio)).ToListAsync();

        Assert.Equal(ExpertState.Ready, asr.GetStatus().State);
        var transcribed = Assert.IsType<Transcribed>(Assert.Single(events));
        Assert.Equal(ExpertIds.Asr, transcribed.Expert);
        Assert.Equal("hello hello hello", transcribed.Text);
        Assert.Equal("de", transcribed.Language);
    }

    [Theory]
    [InlineData("onnx")]
    [InlineData("openai")]
    public async Task RunAsync_CorruptRecording_ThrowsExpertException(string type)
    {
        var asr = Asr(await EngineAsync(type));
        var path = Path.Combine(_dir, "recording.webm");
        await File.WriteAllTextAsync(path, "not audio at all");

        var events = asr.RunAsync(RequestWith(path)).ToListAsync();

        // The local engine decodes the file itself; a server is sent the bytes and answers what it heard.
        if (type == "onnx")
        {
            var e = await Assert.ThrowsAsync<ExpertException>(async () => await events);
            Assert.Contains("damaged", e.Message, StringComparison.Ordinal);
        }
        else
        {
            Assert.Single(await events);
        }
    }

    [Fact]
    public async Task WhisperNet_MissingModel_SaysWhichFileAndHowToGetIt()
    {
        var path = Path.Combine(_dir, "ggml-base.bin");
        var asr = Asr(new() { ["Engines:SpeechToText:whisper-cpp:Type"] = "whispernet", ["Engines:SpeechToText:whisper-cpp:Path"] = path });
        var audio = await SpeechMedia.SineAsync(SpeechMedia.NewFolder(), "clip.wav", 0.5, "-c:a", "pcm_s16le");

        var status = asr.GetStatus();
        var e = await Assert.ThrowsAsync<ExpertException>(async () => await asr.RunAsync(RequestWith(audio)).ToListAsync());

        Assert.Equal(ExpertState.NotDownloaded, status.State);
        Assert.Equal("whisper.cpp (Whisper.net)", status.Backend);
        Assert.Contains(path, e.Message, StringComparison.Ordinal);
        Assert.Contains("models pull", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WhisperNet_DamagedModel_FailsWithTheReasonAndTheProcessLives()
    {
        var bytes = new byte[4096];
        new Random(3).NextBytes(bytes);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, 0x67676d6c);
        var path = Path.Combine(_dir, "ggml-tiny.bin");
        await File.WriteAllBytesAsync(path, bytes);
        var provider = SpeechHost.Build(new() { ["Engines:SpeechToText:whisper-cpp:Type"] = "whispernet", ["Engines:SpeechToText:whisper-cpp:Path"] = path });
        _owned.Add(provider);
        var engine = provider.GetRequiredKeyedService<IEngine<Microsoft.Extensions.AI.ISpeechToTextClient>>("whisper-cpp");

        var e = await Assert.ThrowsAsync<ExpertException>(() => ((ILocalEngine)engine).LoadAsync());

        Assert.Contains("damaged whisper.cpp header", e.Message, StringComparison.Ordinal);
        Assert.Equal(ExpertState.Failed, engine.GetStatus().State);
        Assert.Same(engine, provider.GetRequiredService<EngineRegistry>().Selected(EngineCapability.SpeechToText));
    }

    public void Dispose()
    {
        foreach (var owned in _owned)
        {
            owned.Dispose();
        }

        Directory.Delete(_dir, recursive: true);
    }
}
