using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace WorkBrain.Tests.Support;

/// <summary>An OpenAI-compatible chat (and embeddings) server on 127.0.0.1 that streams a scripted answer token by token with a delay,
/// and records the requests it got. It stops when disposed. It reports usage as OpenAI does (on the last chunk when
/// stream_options.include_usage asks for it), can answer with a tool call, and can fail on purpose (<see cref="Fault"/>).</summary>
public sealed class FakeOpenAiServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FakeOpenAiServer(WebApplication app) => _app = app;

    public string BaseUrl { get; private set; } = "";

    /// <summary>The tokens of the next answers; by default an echo of the last user message.</summary>
    public Func<JsonNode, IReadOnlyList<string>> Answer { get; set; } = request =>
    {
        var last = request["messages"]!.AsArray().Last()!["content"]!.ToString();
        return ["You ", "said: ", last, "."];
    };

    public TimeSpan TokenDelay { get; set; } = TimeSpan.FromMilliseconds(20);

    /// <summary>When it returns a call, the model answers with that tool call instead of text.</summary>
    public Func<JsonNode, (string Name, string Arguments)?> ToolCall { get; set; } = _ => null;

    /// <summary>How the next answers fail, if at all.</summary>
    public FakeFault Fault { get; set; } = FakeFault.None;

    /// <summary>Awaited before the token of each index is sent: a test holds the answer at a point of its choosing.</summary>
    public Func<int, CancellationToken, Task> BeforeToken { get; set; } = (_, _) => Task.CompletedTask;

    /// <summary>Wait this long after the response starts before the first token (a slow engine).</summary>
    public TimeSpan FirstTokenDelay { get; set; }

    /// <summary>The usage the server reports: prompt tokens are the characters of every message, completion tokens
    /// twice the number of pieces streamed (so they differ from any count a client could make of the pieces).</summary>
    public static (int Prompt, int Completion) UsageOf(JsonNode request, int pieces) =>
        (request["messages"]!.AsArray().Sum(m => m!["content"]?.ToString().Length ?? 0), pieces * 2);

    public ConcurrentQueue<JsonNode> Requests { get; } = new();

    /// <summary>The Authorization header of each chat request, in order ("" when absent).</summary>
    public ConcurrentQueue<string> Authorizations { get; } = new();

    public static async Task<FakeOpenAiServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new FakeOpenAiServer(app);
        app.MapPost("/v1/chat/completions", server.CompleteAsync);
        app.MapPost("/v1/embeddings", (Delegate)server.EmbedAsync);
        app.MapGet("/v1/models", () => Results.Json(new { data = new[] { new { id = "fake-model", @object = "model" } } }));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseUrl = address.TrimEnd('/') + "/v1";
        return server;
    }

    private async Task CompleteAsync(HttpContext context)
    {
        var request = (await JsonNode.ParseAsync(context.Request.Body))!;
        Authorizations.Enqueue(context.Request.Headers.Authorization.ToString());
        Requests.Enqueue(request);
        var ct = context.RequestAborted;
        switch (Fault)
        {
            case FakeFault.ServerError:
                context.Response.StatusCode = 500;
                await context.Response.WriteAsJsonAsync(new { error = new { message = $"CUDA out of memory at /srv/models/secret.gguf on {BaseUrl}", type = "server_error" } }, ct);
                return;
            case FakeFault.Hang:
                await Task.Delay(Timeout.Infinite, ct);
                return;
        }

        var tokens = Answer(request);
        var limit = (request["max_completion_tokens"] ?? request["max_tokens"])?.GetValue<int>();
        var length = limit < tokens.Count;
        if (length)
        {
            tokens = tokens.Take(limit!.Value).ToList();
        }

        var call = ToolCall(request);
        var (prompt, completion) = UsageOf(request, call is null ? tokens.Count : 1);
        var usage = new { prompt_tokens = prompt, completion_tokens = completion, total_tokens = prompt + completion };
        var id = "chatcmpl-" + Guid.NewGuid().ToString("N");
        object[]? toolCalls = call is { } c ? [new { index = 0, id = "call_1", type = "function", function = new { name = c.Name, arguments = c.Arguments } }] : null;
        if (request["stream"]?.GetValue<bool>() != true)
        {
            await context.Response.WriteAsJsonAsync(new
            {
                id, @object = "chat.completion", created = 0, model = "fake-model",
                choices = new[] { new { index = 0, message = new { role = "assistant", content = call is null ? string.Concat(tokens) : null, tool_calls = toolCalls }, finish_reason = call is null ? length ? "length" : "stop" : "tool_calls" } },
                usage,
            }, ct);
            return;
        }

        context.Response.ContentType = "text/event-stream";
        if (FirstTokenDelay > TimeSpan.Zero)
        {
            await context.Response.Body.FlushAsync(ct);
            await Task.Delay(FirstTokenDelay, ct);
        }

        if (toolCalls is not null)
        {
            await WriteChunkAsync(context, id, new { role = "assistant", tool_calls = toolCalls }, null, ct);
        }
        else
        {
            for (var i = 0; i < tokens.Count; i++)
            {
                await Task.Delay(TokenDelay, ct);
                await BeforeToken(i, ct);
                await WriteChunkAsync(context, id, new { role = "assistant", content = tokens[i] }, null, ct);
                if (Fault == FakeFault.CutMidStream && i == tokens.Count / 2)
                {
                    // The connection drops mid-answer: no finish reason, no [DONE].
                    context.Abort();
                    return;
                }
            }
        }

        await WriteChunkAsync(context, id, new { }, call is null ? length ? "length" : "stop" : "tool_calls", ct);
        if (request["stream_options"]?["include_usage"]?.GetValue<bool>() == true)
        {
            var chunk = new { id, @object = "chat.completion.chunk", created = 0, model = "fake-model", choices = Array.Empty<object>(), usage };
            await context.Response.WriteAsync("data: " + JsonSerializer.Serialize(chunk) + "\n\n", Encoding.UTF8, ct);
        }

        await context.Response.WriteAsync("data: [DONE]\n\n", ct);
    }

    private static async Task WriteChunkAsync(HttpContext context, string id, object delta, string? finish, CancellationToken ct)
    {
        var chunk = new
        {
            id, @object = "chat.completion.chunk", created = 0, model = "fake-model",
            choices = new[] { new { index = 0, delta, finish_reason = finish } },
        };
        await context.Response.WriteAsync("data: " + JsonSerializer.Serialize(chunk) + "\n\n", Encoding.UTF8, ct);
        await context.Response.Body.FlushAsync(ct);
    }

    /// <summary>The vector the server gives a text: how often each letter a–z occurs, plus one.</summary>
    public static float[] LetterVector(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var vector = Enumerable.Repeat(1f, 26).ToArray();
        foreach (var c in text.ToLowerInvariant().Where(c => c is >= 'a' and <= 'z'))
        {
            vector[c - 'a']++;
        }

        return vector;
    }

    private async Task<IResult> EmbedAsync(HttpContext context)
    {
        var body = (await JsonNode.ParseAsync(context.Request.Body))!;
        Requests.Enqueue(body);
        var inputs = body["input"] is JsonArray array ? array.Select(i => i!.GetValue<string>()).ToList() : [body["input"]!.GetValue<string>()];
        var base64 = body["encoding_format"]?.GetValue<string>() == "base64";
        var data = inputs.Select((text, i) =>
        {
            var vector = LetterVector(text);
            return new
            {
                @object = "embedding",
                index = i,
                embedding = base64 ? (object)Convert.ToBase64String(System.Runtime.InteropServices.MemoryMarshal.AsBytes(vector.AsSpan())) : vector,
            };
        }).ToList();
        var tokens = inputs.Sum(t => t.Length);
        return Results.Json(new { @object = "list", data, model = body["model"]?.GetValue<string>(), usage = new { prompt_tokens = tokens, total_tokens = tokens } });
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

public enum FakeFault
{
    None,

    /// <summary>HTTP 500 whose message names an internal path and the server's address.</summary>
    ServerError,

    /// <summary>Accepts the request and never answers.</summary>
    Hang,

    /// <summary>Streams half the answer, then drops the connection.</summary>
    CutMidStream,
}
