using System.Net;
using System.Net.Sockets;
using System.Text;

namespace WorkBrain.Tests.Core.Tools;

/// <summary>A tiny HTTP server on 127.0.0.1 that answers every request with the handler's result.</summary>
public sealed class LocalHttpServer : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Func<HttpListenerRequest, string, Task<(int Status, string ContentType, byte[] Body)>> _handler;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public LocalHttpServer(Func<HttpListenerRequest, string, Task<(int Status, string ContentType, byte[] Body)>> handler)
    {
        _handler = handler;
        Port = FreePort();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    public int Port { get; }

    public string BaseUrl => $"http://127.0.0.1:{Port}";

    public List<(string Method, string RawUrl, string Body)> Requests { get; } = [];

    public static LocalHttpServer Text(string body, string contentType = "text/plain; charset=utf-8", TimeSpan delay = default) =>
        new(async (_, _) =>
        {
            if (delay > TimeSpan.Zero)
            {
                await Task.Delay(delay);
            }

            return (200, contentType, Encoding.UTF8.GetBytes(body));
        });

    private async Task LoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (HttpListenerException)
            {
                return;
            }
            catch (ObjectDisposedException)
            {
                return;
            }

            _ = Task.Run(async () =>
            {
                try
                {
                    using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
                    var body = await reader.ReadToEndAsync();
                    lock (Requests)
                    {
                        Requests.Add((context.Request.HttpMethod, context.Request.RawUrl ?? "", body));
                    }

                    var (status, type, bytes) = await _handler(context.Request, body);
                    context.Response.StatusCode = status;
                    context.Response.ContentType = type;
                    context.Response.ContentLength64 = bytes.Length;
                    await context.Response.OutputStream.WriteAsync(bytes);
                    context.Response.Close();
                }
                catch (Exception) when (_stop.IsCancellationRequested)
                {
                }
                catch (HttpListenerException)
                {
                }
            });
        }
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        _listener.Close();
        try
        {
            await _loop;
        }
        catch (Exception) when (_stop.IsCancellationRequested)
        {
        }

        _stop.Dispose();
    }
}
