using System.Net;
using WorkBrain.Tests.Core.Models;

namespace WorkBrain.Tests.Web.Components.Admin;

/// <summary>Serves one file of zeros on 127.0.0.1, a chunk at a time with a pause between, so that a download's progress can be watched.</summary>
internal sealed class SlowFileServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _loop;

    public SlowFileServer(int size, int chunk, TimeSpan pause)
    {
        Size = size;
        Chunk = chunk;
        Pause = pause;
        Port = LocalFileServer.FreePort();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    public int Size { get; }

    public int Chunk { get; }

    public TimeSpan Pause { get; }

    public int Port { get; }

    public string Url(string path) => $"http://127.0.0.1:{Port}/{path}";

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            _ = Task.Run(() => ServeAsync(context));
        }
    }

    private async Task ServeAsync(HttpListenerContext context)
    {
        try
        {
            context.Response.ContentLength64 = Size;
            var buffer = new byte[Chunk];
            for (var sent = 0; sent < Size; sent += Chunk)
            {
                await context.Response.OutputStream.WriteAsync(buffer.AsMemory(0, Math.Min(Chunk, Size - sent)));
                await context.Response.OutputStream.FlushAsync();
                await Task.Delay(Pause);
            }

            context.Response.Close();
        }
        catch (Exception ex) when (ex is HttpListenerException or IOException or ObjectDisposedException)
        {
            // the client went away
        }
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
        }
    }
}
