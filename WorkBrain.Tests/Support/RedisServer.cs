using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using StackExchange.Redis;

namespace WorkBrain.Tests.Support;

/// <summary>The Redis the scale tests share: the one <c>WORKBRAIN_TEST_REDIS</c> (host:port) names, as CI starts it,
/// or else one started here from Debian's redis-server on a free 127.0.0.1 port with no persistence, stopped on dispose.
/// With neither, the tests fail and say what to install.</summary>
public sealed class RedisServer : IAsyncDisposable
{
    private readonly Process? _process;

    private RedisServer(string connection, Process? process)
    {
        Connection = connection;
        _process = process;
    }

    /// <summary>host:port, as <c>Redis:Connection</c> takes it.</summary>
    public string Connection { get; }

    public static async Task<RedisServer> StartAsync()
    {
        var configured = Environment.GetEnvironmentVariable("WORKBRAIN_TEST_REDIS");
        if (!string.IsNullOrWhiteSpace(configured))
        {
            await WaitForAsync(configured, null);
            return new RedisServer(configured, null);
        }

        var binary = new[] { "/usr/bin/redis-server", "/usr/local/bin/redis-server" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException(
                "The multi-replica tests need Redis 7: install it (sudo apt-get install redis-server) so the tests can start " +
                "their own, or set WORKBRAIN_TEST_REDIS=host:port to a running server.");
        var port = FreePort();
        var start = new ProcessStartInfo(binary)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1",
                     "--save", "", "--appendonly", "no", "--daemonize", "no", "--protected-mode", "yes" })
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {binary}.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var connection = $"127.0.0.1:{port}";
        await WaitForAsync(connection, process);
        return new RedisServer(connection, process);
    }

    /// <summary>A connection for a test's own checks.</summary>
    public Task<ConnectionMultiplexer> ConnectAsync() => ConnectionMultiplexer.ConnectAsync(Connection);

    private static async Task WaitForAsync(string connection, Process? process)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            try
            {
                await using var redis = await ConnectionMultiplexer.ConnectAsync(connection + ",connectTimeout=1000");
                await redis.GetDatabase().PingAsync();
                return;
            }
            catch (RedisConnectionException) when (DateTime.UtcNow < deadline && process is not { HasExited: true })
            {
                await Task.Delay(100);
            }
            catch (RedisConnectionException ex)
            {
                throw new InvalidOperationException(
                    $"Redis at {connection} does not answer ({ex.Message}). Check WORKBRAIN_TEST_REDIS, or install redis-server.", ex);
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process?.Dispose();
    }
}
