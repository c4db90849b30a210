using System.Net;
using System.Net.Sockets;

namespace WorkBrain.Tests.Core.Speech;

/// <summary>A local HTTP server standing in for an OpenAI-compatible speech server: records each request and answers
/// with what <see cref="Respond"/> returns.</summary>
internal sealed class FakeSpeechServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _loop;

    public FakeSpeechServer(Func<HttpListenerRequest, byte[], (int Status, string ContentType, byte[] Body)> respond)
    {
        Respond = respond;
        var port = FreePort();
        BaseUrl = $"http://127.0.0.1:{port}/v1";
        _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    public string BaseUrl { get; }

    public Func<HttpListenerRequest, byte[], (int Status, string ContentType, byte[] Body)> Respond { get; }

    public List<(string Path, string? Authorization, string ContentType, byte[] Body)> Requests { get; } = [];

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            lock (Requests)
            {
                Requests.Add((context.Request.Url!.AbsolutePath, context.Request.Headers["Authorization"], context.Request.ContentType ?? "", body.ToArray()));
            }

            var (status, type, bytes) = Respond(context.Request, body.ToArray());
            context.Response.StatusCode = status;
            context.Response.ContentType = type;
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        _loop.Wait(TimeSpan.FromSeconds(5));
    }
}
