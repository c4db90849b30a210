using System.ClientModel;
using System.ClientModel.Primitives;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using OpenAI;
using OpenAI.Audio;
using OpenAI.Images;
using ImageGenerationOptions = OpenAI.Images.ImageGenerationOptions;
using SkiaSharp;
using WorkBrain.Core.Speech.Audio;
using WorkBrain.Tests.Core.Speech;
using WorkBrain.Tests.Support;
using WorkBrain.Web.Accounts;

namespace WorkBrain.Tests.Web.Api;

/// <summary>/v1/audio/transcriptions, /v1/audio/speech, /v1/images/generations and /v1/embeddings as the official
/// OpenAI .NET client sees them, on the tiny generated Whisper and Stable Diffusion and on espeak-ng.</summary>
public sealed class OpenAiMediaApiTests : IAsyncLifetime
{
    private WorkBrainAppFactory _app = default!;

    public async Task InitializeAsync()
    {
        _app = new WorkBrainAppFactory(new Dictionary<string, string?>
        {
            ["Asr:Backend"] = "local",
            ["Asr:LocalModel"] = await TestModels.GenerateAsync("tiny_whisper", "text"),
            ["Asr:VadModel"] = TestModels.RequireRealModel("vad/silero_vad.onnx"),
            ["Asr:MaxNewTokens"] = "4",
            ["Asr:Threads"] = "1",
            ["Tts:Backend"] = "espeak",
            ["ImageGeneration:Backend"] = "local",
            ["ImageGeneration:LocalModelPath"] = await TestModels.GenerateAsync("tiny_sd"),
            ["ImageGeneration:Steps"] = "2",
        });
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private async Task<string> CreateKeyAsync(string userId = "alice") =>
        (await _app.Services.GetRequiredService<ApiKeyService>().CreateAsync(userId, "tests")).Key;

    private static OpenAIClient Client(WorkBrainAppFactory app, string key) => new(new ApiKeyCredential(key), new OpenAIClientOptions
    {
        Endpoint = new Uri(app.Server.BaseAddress, "/v1"),
        Transport = new HttpClientPipelineTransport(app.CreateClient()),
        RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
    });

    private static async Task<string> SpeechFileAsync() =>
        await SpeechMedia.PaddedSpeechAsync(SpeechMedia.NewFolder(), "Hello there, how are you today?", "en-us", 1.0);

    [Fact]
    public async Task Transcriptions_Verbose_ReturnsTheModelsTextWithSegments()
    {
        var audio = Client(_app, await CreateKeyAsync()).GetAudioClient("whisper-1");
        await using var file = File.OpenRead(await SpeechFileAsync());

        AudioTranscription transcript = await audio.TranscribeAudioAsync(file, "speech.wav", new AudioTranscriptionOptions
        {
            ResponseFormat = AudioTranscriptionFormat.Verbose,
            TimestampGranularities = AudioTimestampGranularities.Segment,
        });

        // The tiny "text" Whisper always says "hello" and detects German.
        Assert.Equal("hello hello hello", transcript.Text);
        Assert.Equal("german", transcript.Language);
        var segment = Assert.Single(transcript.Segments);
        Assert.InRange(segment.StartTime.TotalSeconds, 0.5, 2.0);
        Assert.True(segment.EndTime > segment.StartTime);
    }

    [Fact]
    public async Task Transcriptions_JsonWithLanguage_AndText_ReturnTheTranscript()
    {
        var audio = Client(_app, await CreateKeyAsync()).GetAudioClient("whisper-1");
        var path = await SpeechFileAsync();
        await using (var file = File.OpenRead(path))
        {
            AudioTranscription json = await audio.TranscribeAudioAsync(file, "speech.wav", new AudioTranscriptionOptions { Language = "zh" });
            Assert.Equal("hellohellohello", json.Text.Replace(" ", "", StringComparison.Ordinal));
        }

        using var http = _app.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await CreateKeyAsync());
        using var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(await File.ReadAllBytesAsync(path)), "file", "speech.wav" },
            { new StringContent("whisper-1"), "model" },
            { new StringContent("text"), "response_format" },
        };
        var response = await http.PostAsync("/v1/audio/transcriptions", form);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("hello hello hello", (await response.Content.ReadAsStringAsync()).Trim());
    }

    [Fact]
    public async Task Transcriptions_NotAudio_Is400SayingWhatToSend()
    {
        var audio = Client(_app, await CreateKeyAsync()).GetAudioClient("whisper-1");
        using var text = new MemoryStream("just some text, not audio"u8.ToArray());

        var error = await Assert.ThrowsAsync<ClientResultException>(() => audio.TranscribeAudioAsync(text, "speech.wav"));

        Assert.Equal(400, error.Status);
        Assert.Contains("is not audio", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Transcriptions_ModelNotDownloaded_Is503WithItsStatus()
    {
        await using var app = new WorkBrainAppFactory(new Dictionary<string, string?>
        {
            ["Asr:Backend"] = "local",
            ["Asr:LocalModel"] = Path.Combine(Path.GetTempPath(), "workbrain-no-whisper-" + Guid.NewGuid().ToString("N")),
        });
        var key = (await app.Services.GetRequiredService<ApiKeyService>().CreateAsync("alice", "tests")).Key;
        await using var file = File.OpenRead(await SpeechFileAsync());

        var error = await Assert.ThrowsAsync<ClientResultException>(() => Client(app, key).GetAudioClient("whisper-1").TranscribeAudioAsync(file, "speech.wav"));

        Assert.Equal(503, error.Status);
        Assert.Contains("Speech recognition is not available", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Transcriptions_TooLarge_Is400WithTheLimit()
    {
        await using var app = new WorkBrainAppFactory(new Dictionary<string, string?>
        {
            ["Asr:Backend"] = "local",
            ["Asr:LocalModel"] = await TestModels.GenerateAsync("tiny_whisper", "text"),
            ["Asr:VadModel"] = TestModels.RequireRealModel("vad/silero_vad.onnx"),
            ["Uploads:MaxAudioBytes"] = "10000",
        });
        var key = (await app.Services.GetRequiredService<ApiKeyService>().CreateAsync("alice", "tests")).Key;
        await using var file = File.OpenRead(await SpeechFileAsync());

        var error = await Assert.ThrowsAsync<ClientResultException>(() => Client(app, key).GetAudioClient("whisper-1").TranscribeAudioAsync(file, "speech.wav"));

        Assert.Equal(400, error.Status);
        Assert.Contains("too large for audio", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Speech_Wav_IsAValidWavOfTheSpokenText()
    {
        var audio = Client(_app, await CreateKeyAsync()).GetAudioClient("tts-1");

        BinaryData wav = await audio.GenerateSpeechAsync("Hello from WorkBrain.", GeneratedSpeechVoice.Alloy,
            new SpeechGenerationOptions { ResponseFormat = GeneratedSpeechFormat.Wav });

        Assert.Equal("RIFF", Encoding.ASCII.GetString(wav.ToArray(), 0, 4));
        var clip = WavFile.Read(wav.ToArray());
        Assert.InRange(clip.DurationSeconds, 0.5, 10);
        Assert.True(clip.Peak() > 0.05f, "the speech is silent");
    }

    [Fact]
    public async Task Speech_Mp3_IsEncodedByFfmpegAndDecodesToSpeech()
    {
        var audio = Client(_app, await CreateKeyAsync()).GetAudioClient("tts-1");

        BinaryData mp3 = await audio.GenerateSpeechAsync("Hello from WorkBrain.", GeneratedSpeechVoice.Alloy,
            new SpeechGenerationOptions { ResponseFormat = GeneratedSpeechFormat.Mp3 });

        Assert.NotEqual("RIFF", Encoding.ASCII.GetString(mp3.ToArray(), 0, 4));
        var path = Path.Combine(SpeechMedia.NewFolder(), "speech.mp3");
        await File.WriteAllBytesAsync(path, mp3.ToArray());
        var clip = await new AudioConverter().LoadAsync(path);
        Assert.InRange(clip.DurationSeconds, 0.5, 10);
        Assert.True(clip.Peak() > 0.05f, "the speech is silent");
    }

    [Fact]
    public async Task Speech_UnknownFormatOrEmptyInput_Is400()
    {
        var audio = Client(_app, await CreateKeyAsync()).GetAudioClient("tts-1");

        var format = await Assert.ThrowsAsync<ClientResultException>(() => audio.GenerateSpeechAsync("Hello.", GeneratedSpeechVoice.Alloy,
            new SpeechGenerationOptions { ResponseFormat = new GeneratedSpeechFormat("midi") }));
        Assert.Equal(400, format.Status);
        Assert.Contains("'midi' is not supported: use wav, mp3", format.Message, StringComparison.Ordinal);

        var empty = await Assert.ThrowsAsync<ClientResultException>(() => audio.GenerateSpeechAsync("  ", GeneratedSpeechVoice.Alloy,
            new SpeechGenerationOptions { ResponseFormat = GeneratedSpeechFormat.Wav }));
        Assert.Equal(400, empty.Status);
        Assert.Contains("'input' is empty", empty.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Images_Bytes_IsAPngOfTheRequestedSize()
    {
        var images = Client(_app, await CreateKeyAsync()).GetImageClient("image_generation");

        GeneratedImage image = await images.GenerateImageAsync("a photo of a cat", new ImageGenerationOptions
        {
            Size = new GeneratedImageSize(96, 64),
            ResponseFormat = GeneratedImageFormat.Bytes,
        });

        using var bitmap = SKBitmap.Decode(image.ImageBytes.ToArray());
        Assert.Equal(96, bitmap.Width);
        Assert.Equal(64, bitmap.Height);
    }

    [Fact]
    public async Task Images_Url_ServesThePngToItsOwnerOnly()
    {
        var aliceKey = await CreateKeyAsync("alice");
        var images = Client(_app, aliceKey).GetImageClient("image_generation");

        GeneratedImage image = await images.GenerateImageAsync("a red square", new ImageGenerationOptions
        {
            Size = new GeneratedImageSize(64, 64),
            ResponseFormat = GeneratedImageFormat.Uri,
        });

        Assert.StartsWith("/files/", image.ImageUri.AbsolutePath, StringComparison.Ordinal);
        using var http = _app.CreateClient();
        using (var owner = new HttpRequestMessage(HttpMethod.Get, image.ImageUri.PathAndQuery))
        {
            owner.Headers.Authorization = new AuthenticationHeaderValue("Bearer", aliceKey);
            var response = await http.SendAsync(owner);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
            using var bitmap = SKBitmap.Decode(await response.Content.ReadAsByteArrayAsync());
            Assert.Equal(64, bitmap.Width);
        }

        using (var other = new HttpRequestMessage(HttpMethod.Get, image.ImageUri.PathAndQuery))
        {
            other.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await CreateKeyAsync("bob"));
            Assert.Equal(HttpStatusCode.NotFound, (await http.SendAsync(other)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync(image.ImageUri.PathAndQuery)).StatusCode);
        using (var wrong = new HttpRequestMessage(HttpMethod.Get, image.ImageUri.PathAndQuery))
        {
            wrong.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "wb-not-a-key");
            Assert.Equal(HttpStatusCode.Unauthorized, (await http.SendAsync(wrong)).StatusCode);
        }
    }

    [Fact]
    public async Task Images_BadSizeOrSeveral_Are400()
    {
        var images = Client(_app, await CreateKeyAsync()).GetImageClient("image_generation");

        var size = await Assert.ThrowsAsync<ClientResultException>(() => images.GenerateImageAsync("a cat", new ImageGenerationOptions { Size = new GeneratedImageSize(4096, 64) }));
        Assert.Equal(400, size.Status);
        Assert.Contains("between 64 and 2048", size.Message, StringComparison.Ordinal);

        var several = await Assert.ThrowsAsync<ClientResultException>(() => images.GenerateImagesAsync("a cat", 2));
        Assert.Equal(400, several.Status);
        Assert.Contains("one image per request", several.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Images_ModelNotDownloaded_Is503WithItsStatus()
    {
        await using var app = new WorkBrainAppFactory(new Dictionary<string, string?>
        {
            ["ImageGeneration:Backend"] = "local",
            ["ImageGeneration:LocalModelPath"] = Path.Combine(Path.GetTempPath(), "workbrain-no-sd-" + Guid.NewGuid().ToString("N")),
        });
        var key = (await app.Services.GetRequiredService<ApiKeyService>().CreateAsync("alice", "tests")).Key;

        var error = await Assert.ThrowsAsync<ClientResultException>(() => Client(app, key).GetImageClient("image_generation").GenerateImageAsync("a cat"));

        Assert.Equal(503, error.Status);
        Assert.Contains("Image generation is not available", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Embeddings_NoneConfigured_Is503SayingWhatToConfigure()
    {
        var embeddings = Client(_app, await CreateKeyAsync()).GetEmbeddingClient("embeddings");

        var error = await Assert.ThrowsAsync<ClientResultException>(() => embeddings.GenerateEmbeddingAsync("hello"));

        Assert.Equal(503, error.Status);
        Assert.Contains("embedding model", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Embeddings_WithAGenerator_ReturnsItsVectorsInOrder()
    {
        await using var app = _app.WithWebHostBuilder(b => b.ConfigureTestServices(s =>
            s.AddFakeEngine<IEmbeddingGenerator<string, Embedding<float>>>(new LetterCountGenerator())));
        var key = (await app.Services.GetRequiredService<ApiKeyService>().CreateAsync("alice", "tests")).Key;
        var client = new OpenAIClient(new ApiKeyCredential(key), new OpenAIClientOptions
        {
            Endpoint = new Uri(app.Server.BaseAddress, "/v1"),
            Transport = new HttpClientPipelineTransport(app.CreateClient()),
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
        }).GetEmbeddingClient("embeddings");

        var one = await client.GenerateEmbeddingAsync("abc");
        Assert.Equal(LetterCountGenerator.Vector("abc"), one.Value.ToFloats().ToArray());

        var many = await client.GenerateEmbeddingsAsync(["hello", "zz"]);
        Assert.Equal([0, 1], many.Value.Select(e => e.Index));
        Assert.Equal(LetterCountGenerator.Vector("zz"), many.Value[1].ToFloats().ToArray());
    }

    [Theory]
    [InlineData("/v1/audio/transcriptions")]
    [InlineData("/v1/audio/speech")]
    [InlineData("/v1/images/generations")]
    [InlineData("/v1/embeddings")]
    public async Task Route_WithoutOrWithAWrongKey_Is401(string route)
    {
        using var http = _app.CreateClient();
        using var missing = await http.PostAsync(route, new StringContent("{}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);

        using var request = new HttpRequestMessage(HttpMethod.Post, route) { Content = new StringContent("{}", Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "wb-not-a-key");
        using var wrong = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Contains("invalid_api_key", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    /// <summary>A test embedding: how often each letter a–z occurs in the text.</summary>
    private sealed class LetterCountGenerator : IEmbeddingGenerator<string, Embedding<float>>
    {
        public static float[] Vector(string text)
        {
            var v = new float[26];
            foreach (var c in text.ToLowerInvariant().Where(c => c is >= 'a' and <= 'z'))
            {
                v[c - 'a']++;
            }

            return v;
        }

        public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default) =>
            Task.FromResult(new GeneratedEmbeddings<Embedding<float>>(values.Select(v => new Embedding<float>(Vector(v)))));

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
