using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.ML.OnnxRuntime;
using WorkBrain.Core.Text.Local;

namespace WorkBrain.Tests.Core.Text.Local;

public sealed class BoundOutputsTests
{
    private static readonly ChatMessage[] Hello = [new(ChatRole.User, "hello world, 你好")];

    private static ChatOptions Greedy(int maxTokens) =>
        new() { Temperature = 0, MaxOutputTokens = maxTokens, AdditionalProperties = new() { [OnnxChatClient.RepetitionPenaltyKey] = 1f } };

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Generate_BoundOutputs_SameTokensAsOutputsOnnxRuntimeAllocates(bool chain)
    {
        // a 5-token prefill chunk and 170 tokens: multi-token logits, then one-token steps past two growths of the cache buffers
        using var bound = await TinyLlm.LoadAsync(chain, new LocalEngineOptions { ExecutionProvider = "cpu", PrefillChunkTokens = 5, BindOutputs = true });
        using var allocated = await TinyLlm.LoadAsync(chain, new LocalEngineOptions { ExecutionProvider = "cpu", PrefillChunkTokens = 5, BindOutputs = false });

        var withBinding = await bound.GetResponseAsync(Hello, Greedy(170));
        var withoutBinding = await allocated.GetResponseAsync(Hello, Greedy(170));

        Assert.False(string.IsNullOrEmpty(withBinding.Text));
        Assert.Equal(withoutBinding.Usage?.OutputTokenCount, withBinding.Usage?.OutputTokenCount);
        Assert.Equal(withoutBinding.Text, withBinding.Text);
        if (chain)
        {
            Assert.Equal(170, withBinding.Usage?.OutputTokenCount);
        }
    }

    [Fact]
    public async Task Generate_BoundOutputsTwiceInARow_EachSameTokensAsOutputsOnnxRuntimeAllocates()
    {
        // the first generation's native buffers are freed at its end; the second allocates its own (often at the freed
        // addresses), and a longer prompt makes it grow them at other lengths than the first
        using var bound = await TinyLlm.LoadAsync(true, new LocalEngineOptions { ExecutionProvider = "cpu", PrefillChunkTokens = 5, BindOutputs = true });
        using var allocated = await TinyLlm.LoadAsync(true, new LocalEngineOptions { ExecutionProvider = "cpu", PrefillChunkTokens = 5, BindOutputs = false });
        ChatMessage[] longer = [new(ChatRole.User, "hello world, 你好, and a longer question after it")];

        var first = await bound.GetResponseAsync(Hello, Greedy(120));
        var second = await bound.GetResponseAsync(longer, Greedy(150));
        var firstPlain = await allocated.GetResponseAsync(Hello, Greedy(120));
        var secondPlain = await allocated.GetResponseAsync(longer, Greedy(150));

        Assert.Equal(120, first.Usage?.OutputTokenCount);
        Assert.Equal(150, second.Usage?.OutputTokenCount);
        Assert.Equal(firstPlain.Text, first.Text);
        Assert.Equal(secondPlain.Text, second.Text);
    }

    [Fact]
    public async Task For_DecodeSteps_TakeTurnsInTwoBuffersAndKeepOneLogitsValue()
    {
        using var client = await TinyLlm.LoadAsync();
        using var outputs = new BoundOutputs(client.Model);

        var prefill = outputs.For(3, 3).ToArray();
        var step1 = outputs.For(1, 4).ToArray();
        var step2 = outputs.For(1, 5).ToArray();
        try
        {
            Assert.Equal([1L, client.Model.KvHeads, 5, client.Model.HeadDim], step2[1].GetTensorTypeAndShape().Shape);
            Assert.Equal([1L, 1, client.Model.VocabSize], step2[0].GetTensorTypeAndShape().Shape);
            Assert.Same(step1[0], step2[0]);
            for (var i = 1; i < prefill.Length; i++)
            {
                Assert.True(Unsafe.AreSame(ref Start(prefill[i]), ref Start(step2[i])), $"present {i} of the step after next is not in the same buffer");
                Assert.False(Unsafe.AreSame(ref Start(prefill[i]), ref Start(step1[i])), $"present {i} of the next step is in the buffer it reads");
            }
        }
        finally
        {
            outputs.Release(prefill[0]);
            foreach (var value in prefill.Skip(1).Concat(step1.Skip(1)).Concat(step2.Skip(1)))
            {
                value.Dispose();
            }
        }
    }

    [Fact]
    public void Options_BindOutputs_OnByDefaultAndBoundFromConfiguration()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["TextGeneration:Local:BindOutputs"] = "false" }).Build();

        var configured = configuration.GetSection(LocalTextModelOptions.Section).Get<LocalTextModelOptions>()!;

        Assert.True(new LocalTextModelOptions().ToEngineOptions().BindOutputs);
        Assert.True(new LocalEngineOptions().BindOutputs);
        Assert.False(configured.ToEngineOptions().BindOutputs);
    }

    private static ref byte Start(OrtValue value) => ref MemoryMarshal.GetReference(value.GetTensorMutableRawData());
}
