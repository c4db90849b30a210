using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WorkBrain.Core.Engines;
using WorkBrain.Core.Experts;
using WorkBrain.Core.Hosting;
using WorkBrain.Core.Text.Gguf;

namespace WorkBrain.Core.Text;

/// <summary><c>chat [--engine NAME | --gguf FILE] [--raw] [--temperature T] [--max-tokens N] TEXT</c>: one answer streamed
/// to standard output, as <c>ollama run</c> does; token figures go to standard error.</summary>
public sealed class ChatCommand(
    SelectedEngine<IChatClient> selected,
    EngineRegistry engines,
    IOptions<TextGenerationOptions> textOptions,
    IOptions<GgufEngineOptions> ggufOptions,
    ILoggerFactory loggerFactory) : ICliCommand
{
    public string Name => "chat";

    public string Usage => "chat [--engine NAME (remote, local, gguf or one under Engines:Text) | --gguf FILE] [--raw] [--temperature T] [--max-tokens N] TEXT   stream one answer of a text engine";

    public async Task<int> RunAsync(IReadOnlyList<string> args, TextReader input, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (!TryParse(args, out var request, out var problem))
        {
            await error.WriteLineAsync(problem);
            await error.WriteLineAsync("usage: " + Usage);
            return 2;
        }

        GgufChatClient? owned = null;
        try
        {
            IChatClient client;
            try
            {
                (client, owned) = await OpenAsync(request, cancellationToken);
            }
            catch (Exception ex) when (ex is ExpertException or IOException or InvalidDataException or ArgumentException or InvalidOperationException)
            {
                await error.WriteLineAsync($"The text engine could not load: {ex.Message}");
                return 1;
            }

            return await StreamAsync(client, request, output, error, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            await error.WriteLineAsync();
            await error.WriteLineAsync("stopped");
            return 130;
        }
        finally
        {
            owned?.Dispose();
        }
    }

    private async Task<(IChatClient Client, GgufChatClient? Owned)> OpenAsync(ChatRequest request, CancellationToken cancellationToken)
    {
        if (request.GgufFile is { } file)
        {
            var o = ggufOptions.Value;
            var options = new GgufEngineOptions
            {
                Path = file, ContextSize = o.ContextSize, Threads = o.Threads, GpuLayers = o.GpuLayers, ChatTemplate = o.ChatTemplate, MaxConcurrent = 1,
            };
            var loaded = await Task.Run(() => LlamaSharpEngineFactory.CreateChatClient(options, loggerFactory.CreateLogger<ChatCommand>()), cancellationToken);
            return (loaded, loaded);
        }

        if (request.Engine is { } engine)
        {
            var named = engines.Find<IChatClient>(engine) ?? throw new ArgumentException(
                $"No text engine named '{engine}'. Engines: {string.Join(", ", engines.All.Where(e => e is IEngine<IChatClient>).Select(e => e.Definition.Name))}.");
            var client = await engines.GetClientAsync(named, cancellationToken) ?? throw new ExpertException(named.GetStatus().Detail);
            return (client, null);
        }

        return (await selected.GetRequiredClientAsync(cancellationToken), null);
    }

    private async Task<int> StreamAsync(IChatClient client, ChatRequest request, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var o = textOptions.Value;
        var messages = new List<ChatMessage>();
        if (!request.Raw && !string.IsNullOrWhiteSpace(o.SystemPrompt))
        {
            messages.Add(new ChatMessage(ChatRole.System, o.SystemPrompt));
        }

        messages.Add(new ChatMessage(ChatRole.User, request.Text));
        var options = new ChatOptions
        {
            Temperature = request.Temperature ?? o.Temperature,
            MaxOutputTokens = request.MaxTokens ?? o.MaxOutputTokens,
        };
        if (request.Raw)
        {
            options.AdditionalProperties = new() { [GgufChatClient.RawPromptKey] = true };
        }

        var clock = Stopwatch.StartNew();
        UsageDetails? usage = null;
        try
        {
            await foreach (var update in client.GetStreamingResponseAsync(messages, options, cancellationToken))
            {
                if (!string.IsNullOrEmpty(update.Text))
                {
                    await output.WriteAsync(update.Text);
                    await output.FlushAsync(cancellationToken);
                }

                usage = update.Contents.OfType<UsageContent>().FirstOrDefault()?.Details ?? usage;
            }
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or ExpertException or HttpRequestException)
        {
            await output.WriteLineAsync();
            await error.WriteLineAsync($"The text engine failed: {ex.Message}");
            return 1;
        }

        await output.WriteLineAsync();
        if (usage is { OutputTokenCount: { } tokens })
        {
            await error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"[{usage.InputTokenCount} prompt tokens, {tokens} tokens, {tokens / Math.Max(clock.Elapsed.TotalSeconds, 1e-6):0.0} tokens/s]"));
        }

        return 0;
    }

    private sealed record ChatRequest(string Text, string? Engine, string? GgufFile, bool Raw, float? Temperature, int? MaxTokens);

    private static bool TryParse(IReadOnlyList<string> args, out ChatRequest request, out string problem)
    {
        request = new ChatRequest("", null, null, false, null, null);
        problem = "";
        var words = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            var a = args[i];
            string? Value() => i + 1 < args.Count ? args[++i] : null;
            switch (a)
            {
                case "--raw":
                    request = request with { Raw = true };
                    break;
                case "--engine":
                    request = request with { Engine = Value() };
                    break;
                case "--gguf":
                    request = request with { GgufFile = Value() };
                    break;
                case "--temperature":
                    if (!float.TryParse(Value(), NumberStyles.Float, CultureInfo.InvariantCulture, out var t) || t is < 0 or > 2)
                    {
                        problem = "--temperature takes a number from 0 to 2.";
                        return false;
                    }

                    request = request with { Temperature = t };
                    break;
                case "--max-tokens":
                    if (!int.TryParse(Value(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) || n < 1)
                    {
                        problem = "--max-tokens takes a positive whole number.";
                        return false;
                    }

                    request = request with { MaxTokens = n };
                    break;
                case "--":
                    words.AddRange(args.Skip(i + 1));
                    i = args.Count;
                    break;
                default:
                    words.Add(a);
                    break;
            }
        }

        if (request.Engine is not null && request.GgufFile is not null)
        {
            problem = "Give --engine or --gguf, not both.";
            return false;
        }

        if (args.Contains("--engine") && string.IsNullOrWhiteSpace(request.Engine) || args.Contains("--gguf") && string.IsNullOrWhiteSpace(request.GgufFile))
        {
            problem = "--engine and --gguf need a value.";
            return false;
        }

        request = request with { Text = string.Join(' ', words) };
        if (string.IsNullOrWhiteSpace(request.Text))
        {
            problem = "No text to send.";
            return false;
        }

        return true;
    }
}
