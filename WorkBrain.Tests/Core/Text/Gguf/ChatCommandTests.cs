using Microsoft.Extensions.AI;
using WorkBrain.Core.Engines;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using WorkBrain.Core.Hosting;
using WorkBrain.Core.Text;
using WorkBrain.Core.Text.Gguf;

namespace WorkBrain.Tests.Core.Text.Gguf;

/// <summary>The <c>chat</c> command, resolved from the engine's real composition root.</summary>
public sealed class ChatCommandTests
{
    private static IHost Build(Dictionary<string, string?>? settings = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            ContentRootPath = Support.TestModels.RepositoryRoot,
            DisableDefaults = true,
        });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Storage:DataDirectory"] = Path.Combine(Path.GetTempPath(), "wb-chat-" + Guid.NewGuid().ToString("N")) });
        builder.Configuration.AddInMemoryCollection(settings ?? []);
        builder.AddWorkBrainEngine();
        WorkBrain.Web.Data.StorageExtensions.AddStorage(builder);
        return builder.Build();
    }

    private static async Task<(int Code, string Output, string Error)> RunAsync(IHost host, params string[] args)
    {
        var command = host.Services.GetServices<ICliCommand>().Single(c => c.Name == "chat");
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await command.RunAsync(args, TextReader.Null, output, error, CancellationToken.None);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Chat_GgufFileRaw_StreamsTheCompletion()
    {
        using var host = Build();

        var (code, output, error) = await RunAsync(host, "--gguf", await TinyGguf.ChainAsync(), "--raw", "--temperature", "0", "the");

        Assert.Equal(0, code);
        Assert.Equal(TinyGguf.Chain + Environment.NewLine, output);
        Assert.Contains("2 prompt tokens, 4 tokens", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chat_MaxTokens_CutsTheAnswer()
    {
        using var host = Build();

        var (code, output, _) = await RunAsync(host, "--gguf", await TinyGguf.ChainAsync(), "--max-tokens", "1", "the");

        Assert.Equal(0, code);
        Assert.Equal(" cat" + Environment.NewLine, output);
    }

    [Fact]
    public async Task Chat_ConfiguredGgufBackend_AnswersThroughTheChatTemplate()
    {
        using var host = Build(new() { ["TextGeneration:Backend"] = "gguf", ["TextGeneration:Gguf:Path"] = await TinyGguf.ChainAsync() });

        var (code, output, _) = await RunAsync(host, "the");

        Assert.Equal(0, code);
        Assert.Equal(TinyGguf.Chain + Environment.NewLine, output);
        Assert.IsType<GgufChatModelProvider>(host.Services.GetRequiredService<SelectedEngine<IChatClient>>().Current);
    }

    [Fact]
    public async Task Chat_EngineByName_UsesThatEngine()
    {
        using var host = Build(new() { ["TextGeneration:Gguf:Path"] = await TinyGguf.ChainAsync(), ["TextGeneration:Endpoint"] = "http://127.0.0.1:9/v1", ["TextGeneration:Model"] = "m" });

        var (code, output, _) = await RunAsync(host, "--engine", "gguf", "the");

        Assert.Equal(0, code);
        Assert.Equal(TinyGguf.Chain + Environment.NewLine, output);
    }

    [Fact]
    public async Task Chat_MissingGgufFile_ExitsNonZeroSayingWhy()
    {
        using var host = Build();

        var (code, output, error) = await RunAsync(host, "--gguf", "/nonexistent/model.gguf", "hello");

        Assert.Equal(1, code);
        Assert.Equal("", output);
        Assert.Contains("could not load", error, StringComparison.Ordinal);
        Assert.Contains("/nonexistent/model.gguf", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chat_ConfiguredGgufThatIsNotGguf_ExitsNonZeroAndTheStatusSaysFailed()
    {
        var path = Path.Combine(Path.GetTempPath(), $"broken-{Guid.NewGuid():N}.gguf");
        await File.WriteAllTextAsync(path, "not a model");
        try
        {
            using var host = Build(new() { ["TextGeneration:Backend"] = "gguf", ["TextGeneration:Gguf:Path"] = path });

            var (code, _, error) = await RunAsync(host, "hello");

            Assert.Equal(1, code);
            Assert.Contains("not a GGUF file", error, StringComparison.Ordinal);
            var status = host.Services.GetRequiredKeyedService<IEngine<IChatClient>>("gguf").GetStatus();
            Assert.Equal(WorkBrain.Core.Experts.ExpertState.Failed, status.State);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Chat_UnknownEngineOrNoText_ExitsWithUsage()
    {
        using var host = Build();

        Assert.Equal(1, (await RunAsync(host, "--engine", "nope", "hi")).Code);
        var (code, _, error) = await RunAsync(host, "--raw");
        Assert.Equal(2, code);
        Assert.Contains("usage: chat", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Selector_AutoWithOnlyAGgufConfigured_PicksGguf()
    {
        using var host = Build(new() { ["TextGeneration:Gguf:Path"] = await TinyGguf.ChainAsync() });

        Assert.IsType<GgufChatModelProvider>(host.Services.GetRequiredService<SelectedEngine<IChatClient>>().Current);
    }
}
