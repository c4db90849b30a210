using System.Text;
using Microsoft.Extensions.AI;
using WorkBrain.Core.Text.Local;

namespace WorkBrain.Tests.Core.Text.Local;

public sealed class OnnxChatClientTests
{
    private static readonly ChatMessage[] Hello = [new(ChatRole.User, "hello world, 你好")];

    private static ChatOptions Greedy(int maxTokens, string? session = null) =>
        new() { Temperature = 0, MaxOutputTokens = maxTokens, ConversationId = session, AdditionalProperties = new() { [OnnxChatClient.RepetitionPenaltyKey] = 1f } };

    private static async Task<(List<int> Ids, ChatResponse Response)> GenerateIdsAsync(OnnxChatClient client, ChatOptions options)
    {
        var response = await client.GetResponseAsync(Hello, options);
        return (client.Model.Tokenizer.Encode(response.Text), response);
    }

    [Fact]
    public async Task Generate_Greedy_SameOutputWithAndWithoutKvCache()
    {
        using var cached = await TinyLlm.LoadAsync();
        using var chunked = await TinyLlm.LoadAsync(options: new LocalEngineOptions { ExecutionProvider = "cpu", PrefillChunkTokens = 5 });
        using var uncached = await TinyLlm.LoadAsync(options: new LocalEngineOptions { ExecutionProvider = "cpu", UseKvCache = false });

        var withCache = await cached.GetResponseAsync(Hello, Greedy(24));
        var withoutCache = await uncached.GetResponseAsync(Hello, Greedy(24));
        var withChunkedPrefill = await chunked.GetResponseAsync(Hello, Greedy(24));

        Assert.Equal(24, withCache.Usage?.OutputTokenCount);
        Assert.False(string.IsNullOrEmpty(withCache.Text));
        Assert.Equal(withoutCache.Text, withCache.Text);
        Assert.Equal(withoutCache.Text, withChunkedPrefill.Text);
    }

    [Fact]
    public async Task Generate_MaxTokens_StopsWithLengthReason()
    {
        using var client = await TinyLlm.LoadAsync(chain: true);

        var response = await client.GetResponseAsync(Hello, Greedy(7));

        Assert.Equal(7, response.Usage?.OutputTokenCount);
        Assert.Equal(ChatFinishReason.Length, response.FinishReason);
    }

    [Fact]
    public async Task Generate_StopSequence_OutputEndsBeforeIt()
    {
        var chain = await File.ReadAllTextAsync(Path.Combine(await TinyLlm.ChainAsync(), "chain.txt"));
        using var client = await TinyLlm.LoadAsync(chain: true);
        var options = Greedy(200);
        options.StopSequences = [chain.Substring(2, 2)];

        var response = await client.GetResponseAsync(Hello, options);

        Assert.Equal(chain[..2], response.Text);
        Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
    }

    [Fact]
    public async Task Stream_Chinese_NeverSplitsACharacter()
    {
        var chain = await File.ReadAllTextAsync(Path.Combine(await TinyLlm.ChainAsync(), "chain.txt"));
        using var client = await TinyLlm.LoadAsync(chain: true);
        var pieces = new List<string>();

        await foreach (var update in client.GetStreamingResponseAsync(Hello, Greedy(45)))
        {
            if (!string.IsNullOrEmpty(update.Text))
            {
                pieces.Add(update.Text);
            }
        }

        var text = string.Concat(pieces);
        Assert.All(pieces, p =>
        {
            Assert.DoesNotContain('\uFFFD', p);
            Assert.False(char.IsHighSurrogate(p[^1]), "a piece ends inside a surrogate pair");
            Assert.True(Encoding.UTF8.GetByteCount(p) > 1, "each piece is a whole Chinese character (3 bytes from 3 tokens)");
        });
        Assert.Equal(string.Concat(Enumerable.Repeat(chain, 10))[..text.Length], text);
        Assert.Equal(15, text.Length);
    }

    [Fact]
    public async Task Stream_CancelledMidGeneration_StopsWithinATokenAndFreesTheSlot()
    {
        using var client = await TinyLlm.LoadAsync();
        using var cts = new CancellationTokenSource();
        var received = 0;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var update in client.GetStreamingResponseAsync(Hello, Greedy(100_000), cts.Token))
            {
                if (++received == 3)
                {
                    await cts.CancelAsync();
                }
            }
        });

        Assert.Equal(0, client.Stats.Running);
        var after = await client.GetResponseAsync(Hello, Greedy(3));
        Assert.Equal(3, after.Usage?.OutputTokenCount);
    }

    [Fact]
    public async Task Generate_ConcurrentSessions_QueueAndAllComplete()
    {
        using var client = await TinyLlm.LoadAsync(options: new LocalEngineOptions { ExecutionProvider = "cpu", MaxConcurrent = 1 });
        var expected = (await client.GetResponseAsync(Hello, Greedy(12))).Text;

        var tasks = Enumerable.Range(0, 5).Select(i => client.GetResponseAsync(Hello, Greedy(12, session: $"s{i % 3}"))).ToList();
        var results = await Task.WhenAll(tasks);

        Assert.All(results, r => Assert.Equal(expected, r.Text));
        Assert.Equal(1, client.PeakRunning);
        Assert.Equal(0, client.QueueDepth);
        Assert.Equal(6, client.Stats.Requests);
    }

    [Fact]
    public async Task Generate_SameSeed_SameSampledOutput()
    {
        using var client = await TinyLlm.LoadAsync();
        ChatOptions Sampled() => new() { Temperature = 1.0f, TopP = 0.9f, TopK = 40, Seed = 42, MaxOutputTokens = 20 };

        var a = await client.GetResponseAsync(Hello, Sampled());
        var b = await client.GetResponseAsync(Hello, Sampled());

        Assert.Equal(a.Text, b.Text);
        Assert.Equal(20, a.Usage?.OutputTokenCount);
    }

    [Fact]
    public async Task Load_CudaAskedWithoutCudaRuntime_FallsBackToCpu()
    {
        using var client = await TinyLlm.LoadAsync(options: new LocalEngineOptions { ExecutionProvider = "cuda" });

        var cudaInThisBuild = Microsoft.ML.OnnxRuntime.OrtEnv.Instance().GetAvailableProviders().Contains("CUDAExecutionProvider");
        Assert.Equal(cudaInThisBuild ? client.Device : "CPU", client.Device);
        Assert.Contains(client.Device, new[] { "CPU", "GPU (CUDA)" });
        Assert.True(client.MemoryBytes > 0);
    }

    [Fact]
    public async Task Load_InternLM2Layout_UsesItsTemplateAndSentencePieceTokenizer()
    {
        using var client = OnnxChatClient.Load(await TinyLlm.SentencePieceAsync(), new LocalEngineOptions { ExecutionProvider = "cpu" });

        var response = await client.GetResponseAsync(Hello, Greedy(10));

        Assert.Equal(ChatTemplateKind.InternLM2, client.Template);
        Assert.StartsWith("<s><|im_start|>user", client.RenderPrompt(Hello), StringComparison.Ordinal);
        Assert.True(response.Usage?.OutputTokenCount > 0);
    }
}
