using System.Net;
using System.Net.Sockets;

namespace WorkBrain.Tests.Core.Models;

/// <summary>A tiny HTTP server on 127.0.0.1 serving byte arrays, honouring Range, and able to cut a response halfway.</summary>
internal sealed class LocalFileServer : IDisposable
{
    private readonly Dictionary<string, byte[]> _files = new(StringComparer.Ordinal);
    private readonly HttpListener _listener;
    private readonly Task _loop;

    public LocalFileServer()
    {
        // A port found free can be taken by a parallel test before the listener binds it: try another.
        for (var attempt = 1; ; attempt++)
        {
            Port = FreePort();
            _listener = new HttpListener();
            _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
            try
            {
                _listener.Start();
                break;
            }
            catch (HttpListenerException) when (attempt < 5)
            {
                _listener.Close();
            }
        }

        _loop = Task.Run(LoopAsync);
    }

    public int Port { get; }

    /// <summary>Paths whose next full (non-range) response is cut after half the bytes.</summary>
    public HashSet<string> CutOnce { get; } = new(StringComparer.Ordinal);

    public List<(string Path, string? Range)> Requests { get; } = [];

    public string Url(string path) => $"http://127.0.0.1:{Port}/{path}";

    public void Serve(string path, byte[] content) => _files[path] = content;

    public static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            await HandleAsync(context);
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        var path = context.Request.Url!.AbsolutePath.TrimStart('/');
        var range = context.Request.Headers["Range"];
        lock (Requests)
        {
            Requests.Add((path, range));
        }

        var response = context.Response;
        try
        {
            if (!_files.TryGetValue(path, out var content))
            {
                response.StatusCode = 404;
                response.Close();
                return;
            }

            var start = 0;
            if (range is not null && range.StartsWith("bytes=", StringComparison.Ordinal))
            {
                start = int.Parse(range[6..].TrimEnd('-'), System.Globalization.CultureInfo.InvariantCulture);
                response.StatusCode = 206;
                response.AddHeader("Content-Range", $"bytes {start}-{content.Length - 1}/{content.Length}");
            }

            response.ContentLength64 = content.Length - start;
            if (start == 0 && CutOnce.Remove(path))
            {
                await response.OutputStream.WriteAsync(content.AsMemory(0, content.Length / 2));
                await response.OutputStream.FlushAsync();
                await Task.Delay(500); // let the client read the first half before the connection is reset
                response.Abort();
                return;
            }

            await response.OutputStream.WriteAsync(content.AsMemory(start));
            response.Close();
        }
        catch (Exception ex) when (ex is HttpListenerException or IOException or ObjectDisposedException)
        {
            response.Abort();
        }
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        _loop.Wait(TimeSpan.FromSeconds(5));
    }
}
