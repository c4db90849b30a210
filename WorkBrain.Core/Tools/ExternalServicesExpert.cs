using WorkBrain.Core.Engines;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WorkBrain.Core.Events;
using WorkBrain.Core.Experts;
using WorkBrain.Core.Text;

namespace WorkBrain.Core.Tools;

/// <summary>
/// Tools: the clock, a calculator, unit conversion, configured HTTP services and MCP servers. With a text model the
/// model chooses and calls the tools (function calling); without one the request is read by
/// <see cref="ToolIntentParser"/> and the tool is called directly. Every call is shown as a <see cref="ToolCalled"/> event.
/// </summary>
public sealed partial class ExternalServicesExpert(
    SelectedEngine<IChatClient> models,
    ExternalToolbox toolbox,
    IOptions<ToolsOptions> options,
    IOptions<TextGenerationOptions> textOptions,
    ILogger<ExternalServicesExpert> logger,
    ExpertCatalog? experts = null) : IExpert
{
    private const string ToolPrompt =
        "You can call tools for the current date and time, arithmetic, unit conversion and the services listed. " +
        "Use a tool whenever it gives an exact answer; never guess times or calculations. Answer briefly in the language of the question.";

    public string Id => ExpertIds.ExternalServices;

    public ExpertStatus GetStatus()
    {
        var services = toolbox.HttpServices.Count;
        var detail = $"Built-in tools (time, calculator, units), {services} HTTP service(s), {toolbox.McpServerCount} MCP server(s)";
        if (toolbox.McpProblems.Count > 0)
        {
            detail += "; unavailable: " + string.Join("; ", toolbox.McpProblems.Select(p => $"{p.Key}: {p.Value}"));
        }

        var withModel = models.IsAvailable;
        detail += withModel
            ? "; the text model chooses the tools (function calling)."
            : "; no text model: requests are matched to a tool directly.";
        return new ExpertStatus(Id, ExpertState.Ready, withModel ? "function calling" : "built-in", "CPU", detail);
    }

    public async IAsyncEnumerable<BrainEvent> RunAsync(ExpertRequest request, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var instruction = string.IsNullOrWhiteSpace(request.Instruction) ? request.Turn.Text : request.Instruction;
        var client = models.IsAvailable ? await models.GetClientAsync(cancellationToken) : null;
        var events = client is null
            ? RunDirectAsync(instruction, cancellationToken)
            : RunWithModelAsync(client, request, cancellationToken);
        await foreach (var e in events)
        {
            yield return e;
        }
    }

    private async IAsyncEnumerable<BrainEvent> RunDirectAsync(string instruction, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var services = string.Join(", ", toolbox.HttpServices.Select(s => s.Name));
        var intent = ToolIntentParser.Parse(instruction, toolbox.HttpServices) ?? throw new ExpertException(services.Length == 0
            ? "No text model is configured, so I can only answer tool requests I recognise directly: the time or date (\"东京现在几点\", " +
              "\"what time is it in London\"), arithmetic (\"(3+4)*2\", \"3加5乘2\") or unit conversion (\"5公里等于多少米\", \"10 km to miles\")."
            : "No text model is configured, so I can only answer tool requests I recognise directly: the time or date (\"东京现在几点\", " +
              "\"what time is it in London\"), arithmetic (\"(3+4)*2\", \"3加5乘2\"), unit conversion (\"5公里等于多少米\", \"10 km to miles\") " +
              $"or a service by name: {services}.");
        var tools = await toolbox.GetToolsAsync(cancellationToken);
        var tool = tools.FirstOrDefault(t => t.Name == intent.Tool)
                   ?? throw new ExpertException($"The tool {intent.Tool} is not available.");
        LogDirect(intent.Tool);
        var arguments = new AIFunctionArguments(intent.Arguments.ToDictionary(kv => kv.Key, kv => kv.Value));
        var result = RecordingFunction.ResultText(await tool.InvokeAsync(arguments, cancellationToken));
        yield return new ToolCalled(Id, tool.Name, RecordingFunction.SerializeArguments(intent.Arguments), result);
        yield return new TextDelta(Id, result);
    }

    private async IAsyncEnumerable<BrainEvent> RunWithModelAsync(IChatClient client, ExpertRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var calls = Channel.CreateUnbounded<ToolCalled>();
        var tools = (await toolbox.GetToolsAsync(cancellationToken))
            .Select(f => (AITool)new RecordingFunction(f, Id, calls.Writer)).ToList();
        LogWithModel(tools.Count);

        // Not disposed: disposing the pipeline would dispose the shared text model client it wraps.
        var chat = new ChatClientBuilder(client)
            .UseFunctionInvocation(configure: f => f.MaximumIterationsPerRequest = options.Value.MaxToolRounds)
            .Build();
        var messages = TextGenerationExpert.BuildMessages(request, textOptions.Value, experts);
        messages.Insert(0, new ChatMessage(ChatRole.System, ToolPrompt));
        var chatOptions = new ChatOptions { Tools = tools, ToolMode = ChatToolMode.Auto, MaxOutputTokens = textOptions.Value.MaxOutputTokens };
        await foreach (var e in ChatStreamEvents.ReadAsync(Id, ct => chat.GetStreamingResponseAsync(messages, chatOptions, ct),
                           TimeSpan.FromSeconds(textOptions.Value.TimeoutSeconds), surfaceToolCalls: false, cancellationToken))
        {
            while (calls.Reader.TryRead(out var call))
            {
                yield return call;
            }

            yield return e;
        }

        while (calls.Reader.TryRead(out var call))
        {
            yield return call;
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "No text model: calling {Tool} directly")]
    private partial void LogDirect(string tool);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Function calling with {Count} tools")]
    private partial void LogWithModel(int count);
}
