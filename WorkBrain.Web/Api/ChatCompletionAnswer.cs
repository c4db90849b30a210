using System.Text;
using System.Text.Json;
using WorkBrain.Core.Events;
using WorkBrain.Core.Experts;

namespace WorkBrain.Web.Api;

/// <summary>One /v1/chat/completions answer folded from the Brain's events: the text (one section per expert), the
/// model's tool calls, the engines' token usage, and whether it failed. When every expert failed it is an OpenAI-style
/// error (502, or 504 when the deadline passed); a stream that already started ends with an error event instead of a
/// normal stop, and an answer cut off mid-way never reads as complete.</summary>
internal sealed partial class ChatCompletionAnswer(string id, string model, ExpertCatalog experts, ILogger logger)
{
    private readonly long _created = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
    private readonly BrainEventText _text = new(experts);
    private readonly HashSet<string> _started = new(StringComparer.Ordinal);
    private readonly HashSet<string> _succeeded = new(StringComparer.Ordinal);
    private readonly List<ExpertFailed> _failures = [];
    private readonly List<ToolCallRequested> _toolCalls = [];
    private int _promptTokens;
    private int _completionTokens;
    private bool _hitLength;
    private bool _broken;

    private bool Failed => _broken || (_started.Count > 0 && _succeeded.Count == 0 && _toolCalls.Count == 0);

    private bool Interrupted => _failures.Any(f => f.Reason == FailureReasons.Interrupted);

    private string FinishReason => _toolCalls.Count > 0 ? "tool_calls" : Interrupted || _hitLength ? "length" : "stop";

    private object Usage => new { prompt_tokens = _promptTokens, completion_tokens = _completionTokens, total_tokens = _promptTokens + _completionTokens };

    public async Task CompleteAsync(HttpContext context, IAsyncEnumerable<BrainEvent> events, CancellationToken ct)
    {
        var content = new StringBuilder();
        try
        {
            await foreach (var e in events.WithCancellation(ct))
            {
                content.Append(Fold(e));
            }
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            Break(ex);
        }

        if (Failed)
        {
            await Error().ExecuteAsync(context);
            return;
        }

        var message = new
        {
            role = "assistant",
            content = content.Length == 0 && _toolCalls.Count > 0 ? null : content.ToString(),
            tool_calls = _toolCalls.Count > 0 ? _toolCalls.Select(ToolCall).ToArray() : null,
        };
        await Results.Json(new
        {
            id, @object = "chat.completion", created = _created, model,
            choices = new[] { new { index = 0, message, finish_reason = FinishReason } },
            usage = Usage,
        }).ExecuteAsync(context);
    }

    public async Task StreamAsync(HttpContext context, IAsyncEnumerable<BrainEvent> events, bool includeUsage, CancellationToken ct)
    {
        // Nothing is sent before the first output, so a request whose every expert fails still gets a plain error status.
        var pending = new StringBuilder();
        var started = false;
        await using var stream = events.GetAsyncEnumerator(ct);
        while (true)
        {
            BrainEvent e;
            try
            {
                if (!await stream.MoveNextAsync())
                {
                    break;
                }

                e = stream.Current;
            }
            catch (Exception ex) when (!ct.IsCancellationRequested)
            {
                Break(ex);
                break;
            }

            pending.Append(Fold(e));
            started |= e is TextDelta or ImageReady or AudioReady or ToolCallRequested;
            if (!started)
            {
                continue;
            }

            if (!context.Response.HasStarted)
            {
                context.Response.ContentType = "text/event-stream";
                context.Response.Headers.CacheControl = "no-cache";
                await WriteChunkAsync(context, new { role = "assistant", content = "" }, null, ct);
            }

            if (e is ToolCallRequested call)
            {
                await WriteChunkAsync(context, new { tool_calls = new[] { ToolCall(call, _toolCalls.Count - 1) } }, null, ct);
            }

            if (pending.Length > 0)
            {
                await WriteChunkAsync(context, new { content = pending.ToString() }, null, ct);
                pending.Clear();
            }
        }

        if (!context.Response.HasStarted)
        {
            if (Failed)
            {
                await Error().ExecuteAsync(context);
                return;
            }

            context.Response.ContentType = "text/event-stream";
            context.Response.Headers.CacheControl = "no-cache";
            await WriteChunkAsync(context, new { role = "assistant", content = pending.ToString() }, null, ct);
        }
        else if (pending.Length > 0)
        {
            await WriteChunkAsync(context, new { content = pending.ToString() }, null, ct);
        }

        if (Failed || Interrupted)
        {
            var (_, body) = ErrorBody();
            await WriteEventAsync(context, body, ct);
            return;
        }

        await WriteChunkAsync(context, new { }, FinishReason, ct);
        if (includeUsage)
        {
            await WriteEventAsync(context, new { id, @object = "chat.completion.chunk", created = _created, model, choices = Array.Empty<object>(), usage = Usage }, ct);
        }

        await context.Response.WriteAsync("data: [DONE]\n\n", ct);
    }

    private string? Fold(BrainEvent e)
    {
        switch (e)
        {
            case ExpertStarted s:
                _started.Add(s.Expert);
                break;
            case ExpertFinished f:
                _succeeded.Add(f.Expert);
                _promptTokens += f.Stats.InputTokens ?? 0;
                _completionTokens += f.Stats.Tokens ?? 0;
                _hitLength |= f.Stats.HitLength;
                break;
            case ExpertFailed f:
                _failures.Add(f);
                break;
            case ToolCallRequested call:
                _toolCalls.Add(call);
                break;
        }

        return _text.Render(e);
    }

    /// <summary>The answer itself failed (not one expert): the user reads a plain sentence, the log has the detail.</summary>
    private void Break(Exception ex)
    {
        LogAnswerFailed(logger, ex, id);
        _broken = true;
        _failures.Add(new ExpertFailed("brain", "The answer failed.", FailureReasons.Error));
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "API answer {Id} failed")]
    private static partial void LogAnswerFailed(ILogger logger, Exception exception, string id);

    private static object ToolCall(ToolCallRequested call, int index) =>
        new { index, id = call.CallId, type = "function", function = new { name = call.Name, arguments = call.Arguments } };

    private IResult Error()
    {
        var (status, body) = ErrorBody();
        return Results.Json(body, statusCode: status);
    }

    private (int Status, object Body) ErrorBody()
    {
        var timeout = _failures.Any(f => f.Reason == FailureReasons.Timeout);
        var code = timeout ? "model_timeout" : Interrupted ? "interrupted" : "model_error";
        var message = _failures.Count == 0
            ? "The answer failed."
            : string.Join(" ", _failures.Select(f => $"{experts.DisplayName(f.Expert)}: {f.Message}"));
        return (timeout ? StatusCodes.Status504GatewayTimeout : StatusCodes.Status502BadGateway,
            new { error = new { message, type = "server_error", code } });
    }

    private Task WriteChunkAsync(HttpContext context, object delta, string? finish, CancellationToken ct) =>
        WriteEventAsync(context, new { id, @object = "chat.completion.chunk", created = _created, model, choices = new[] { new { index = 0, delta, finish_reason = finish } } }, ct);

    private static async Task WriteEventAsync(HttpContext context, object data, CancellationToken ct)
    {
        await context.Response.WriteAsync("data: " + JsonSerializer.Serialize(data) + "\n\n", ct);
        await context.Response.Body.FlushAsync(ct);
    }
}
