using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WorkBrain.Core.Experts;
using WorkBrain.Core.Speech;
using WorkBrain.Core.Speech.Asr;
using WorkBrain.Core.Speech.Tts;

namespace WorkBrain.Tests.Core.Speech;

public sealed class SpeechServiceCollectionExtensionsTests
{
    private static ServiceProvider Build(Dictionary<string, string?> settings) => SpeechHost.Build(settings);

    [Fact]
    public void AddSpeech_Defaults_RegistersBothExpertsWithHonestStatus()
    {
        using var provider = Build(new() { ["Asr:LocalModel"] = Path.Combine(Path.GetTempPath(), "no-whisper-here") });

        var experts = provider.GetServices<IExpert>().ToDictionary(e => e.Id);

        Assert.Equal(ExpertState.NotDownloaded, experts[ExpertIds.Asr].GetStatus().State);
        Assert.Equal(ExpertState.Ready, experts[ExpertIds.Tts].GetStatus().State);
        Assert.Equal("espeak-ng", experts[ExpertIds.Tts].GetStatus().Backend);
        Assert.Same(provider.GetRequiredService<SpeechSynthesizer>(), provider.GetRequiredService<ISpeechSynthesizer>());
    }

    [Fact]
    public void AddSpeech_RemoteEndpoints_SelectsTheServers()
    {
        using var provider = Build(new() { ["Asr:Endpoint"] = "http://127.0.0.1:9/v1", ["Tts:Endpoint"] = "http://127.0.0.1:9/v1" });

        Assert.Equal("remote server", provider.GetRequiredService<ISpeechTranscriber>().GetStatus().Backend);
        Assert.Equal("remote server", provider.GetRequiredService<SpeechSynthesizer>().GetStatus().Backend);
    }

    [Fact]
    public void AddSpeech_InvalidBackend_FailsValidation()
    {
        using var provider = Build(new() { ["Asr:Backend"] = "cloud" });

        var e = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<AsrOptions>>().Value);

        Assert.Contains("Asr:Backend must be auto, local or remote", e.Message, StringComparison.Ordinal);
    }
}
