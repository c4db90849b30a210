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

/// <summary>An OpenAI-compatible chat server on 127.0.0.1 that streams a scripted answer token by token with a delay,
/// and records the requests it got. It stops when disposed.</summary>
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

    /// <summary>Answer chat requests with this HTTP status instead (a failing engine); /models stays fine.</summary>
    public int? FailureStatus { get; set; }

    /// <summary>Wait this long before answering at all (a hanging engine).</summary>
    public TimeSpan ResponseDelay { get; set; }

    /// <summary>Wait this long after the response starts before the first token (a slow engine).</summary>
    public TimeSpan FirstTokenDelay { get; set; }

    public ConcurrentQueue<JsonNode> Requests { get; } = new();

    public static async Task<FakeOpenAiServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new FakeOpenAiServer(app);
        app.MapPost("/v1/chat/completions", server.CompleteAsync);
        app.MapGet("/v1/models", () => Results.Json(new { data = new[] { new { id = "fake-model", @object = "model" } } }));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseUrl = address.TrimEnd('/') + "/v1";
        return server;
    }

    private async Task CompleteAsync(HttpContext context)
    {
        var request = (await JsonNode.ParseAsync(context.Request.Body))!;
        Requests.Enqueue(request);
        if (FailureStatus is { } status)
        {
            context.Response.StatusCode = status;
            await context.Response.WriteAsJsonAsync(new { error = new { message = "scripted failure", type = "server_error" } });
            return;
        }

        if (ResponseDelay > TimeSpan.Zero)
        {
            await Task.Delay(ResponseDelay, context.RequestAborted);
        }

        var tokens = Answer(request);
        var id = "chatcmpl-" + Guid.NewGuid().ToString("N");
        if (request["stream"]?.GetValue<bool>() != true)
        {
            await context.Response.WriteAsJsonAsync(new
            {
                id, @object = "chat.completion", created = 0, model = "fake-model",
                choices = new[] { new { index = 0, message = new { role = "assistant", content = string.Concat(tokens) }, finish_reason = "stop" } },
            });
            return;
        }

        context.Response.ContentType = "text/event-stream";
        var ct = context.RequestAborted;
        if (FirstTokenDelay > TimeSpan.Zero)
        {
            await context.Response.Body.FlushAsync(ct);
            await Task.Delay(FirstTokenDelay, ct);
        }

        foreach (var token in tokens)
        {
            await Task.Delay(TokenDelay, ct);
            await WriteChunkAsync(context, id, new { role = "assistant", content = token }, null, ct);
        }

        await WriteChunkAsync(context, id, new { }, "stop", ct);
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

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
