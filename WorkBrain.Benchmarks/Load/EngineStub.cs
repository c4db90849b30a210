using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace WorkBrain.Benchmarks.Load;

/// <summary>An OpenAI-compatible engine on 127.0.0.1 with a fixed time to first token and a fixed token rate, so the
/// benchmark can tell what WorkBrain adds on top of the engine.</summary>
internal sealed class EngineStub : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly TimeSpan _firstToken;
    private readonly TimeSpan _perToken;
    private readonly int _tokens;
    private readonly string _token;
    private readonly string _paragraphEnd;
    private readonly int _paragraphTokens;

    private EngineStub(WebApplication app, TimeSpan firstToken, double tokensPerSecond, int tokens, int tokenChars, int paragraphTokens)
    {
        _app = app;
        _firstToken = firstToken;
        _perToken = TimeSpan.FromSeconds(1 / tokensPerSecond);
        _tokens = tokens;
        _token = new string('x', Math.Max(1, tokenChars - 1)) + " ";
        _paragraphEnd = new string('x', Math.Max(1, tokenChars - 2)) + "\n\n";
        _paragraphTokens = paragraphTokens;
    }

    /// <summary>The letters ('x') of one whole answer, which is what a reader of the screen can count.</summary>
    public long Letters => (long)_tokens * (_token.Length - 1) - (_paragraphTokens > 0 ? _tokens / _paragraphTokens : 0);

    public string BaseUrl { get; private set; } = "";

    /// <param name="paragraphTokens">End a paragraph (a blank line) every this many tokens; 0 = one paragraph.</param>
    public static async Task<EngineStub> StartAsync(TimeSpan firstToken, double tokensPerSecond, int tokens, int tokenChars, int paragraphTokens = 0)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var stub = new EngineStub(app, firstToken, tokensPerSecond, tokens, tokenChars, paragraphTokens);
        app.MapPost("/v1/chat/completions", stub.CompleteAsync);
        app.MapGet("/v1/models", () => Results.Json(new { @object = "list", data = new[] { new { id = "stub", @object = "model" } } }));
        await app.StartAsync();
        stub.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/') + "/v1";
        return stub;
    }

    /// <summary>When the last answer's last token was written (for the long-answer measure).</summary>
    public long LastFinishedTicks { get; private set; }

    private async Task CompleteAsync(HttpContext context)
    {
        var ct = context.RequestAborted;
        using var body = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: ct);
        var stream = body.RootElement.TryGetProperty("stream", out var s) && s.GetBoolean();
        await Task.Delay(_firstToken, ct);
        if (!stream)
        {
            await context.Response.WriteAsJsonAsync(new
            {
                id = "stub", @object = "chat.completion", created = 0, model = "stub",
                choices = new[] { new { index = 0, message = new { role = "assistant", content = string.Concat(Enumerable.Repeat(_token, _tokens)) }, finish_reason = "stop" } },
            }, ct);
            return;
        }

        context.Response.ContentType = "text/event-stream";
        var chunk = Chunk(_token);
        var paragraphEnd = Chunk(_paragraphEnd);
        var start = Environment.TickCount64;
        for (var i = 0; i < _tokens; i++)
        {
            // Paced against the clock, not by sleeping per token, so the rate holds under load.
            var due = start + (long)(i * _perToken.TotalMilliseconds);
            var wait = due - Environment.TickCount64;
            if (wait > 0)
            {
                await Task.Delay((int)wait, ct);
            }

            await context.Response.Body.WriteAsync(_paragraphTokens > 0 && (i + 1) % _paragraphTokens == 0 ? paragraphEnd : chunk, ct);
            await context.Response.Body.FlushAsync(ct);
        }

        await context.Response.WriteAsync("data: {\"id\":\"stub\",\"object\":\"chat.completion.chunk\",\"created\":0,\"model\":\"stub\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\ndata: [DONE]\n\n", ct);
        await context.Response.Body.FlushAsync(ct);
        LastFinishedTicks = System.Diagnostics.Stopwatch.GetTimestamp();
    }

    private static byte[] Chunk(string content) => Encoding.UTF8.GetBytes("data: " + JsonSerializer.Serialize(new
    {
        id = "stub", @object = "chat.completion.chunk", created = 0, model = "stub",
        choices = new[] { new { index = 0, delta = new { content }, finish_reason = (string?)null } },
    }) + "\n\n");

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
