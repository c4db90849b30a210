using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace WorkBrain.Tests.Support;

/// <summary>The built web app as a separate process (<c>dotnet WorkBrain.Web.dll</c>) on a free 127.0.0.1 port, so a test can
/// kill it as a crash would (SIGKILL) and start it again on the same data.</summary>
public sealed class ChildApp : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ChildApp(Process process, string baseUrl)
    {
        _process = process;
        BaseUrl = baseUrl;
    }

    public string BaseUrl { get; }

    /// <summary>What the process printed so far (for failure messages).</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static async Task<ChildApp> StartAsync(IDictionary<string, string?> settings, TimeSpan timeout)
    {
        var dll = FindWebDll();
        var port = FreePort();
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = Path.GetDirectoryName(dll)!, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(dll);
        info.ArgumentList.Add("--urls");
        info.ArgumentList.Add($"http://127.0.0.1:{port}");
        foreach (var (key, value) in settings)
        {
            info.ArgumentList.Add($"--{key}={value}");
        }

        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start.");
        var app = new ChildApp(process, $"http://127.0.0.1:{port}");
        process.OutputDataReceived += (_, e) => app.Append(e.Data);
        process.ErrorDataReceived += (_, e) => app.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await app.WaitUntilLiveAsync(timeout);
        return app;
    }

    /// <summary>SIGKILL: no shutdown code runs, as in a crash or an OOM kill.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private async Task WaitUntilLiveAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        using var cts = new CancellationTokenSource(timeout);
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The app exited with {_process.ExitCode}:\n{Output}");
            }

            try
            {
                using var response = await http.GetAsync(BaseUrl + "/health/live", cts.Token);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException) when (!cts.IsCancellationRequested)
            {
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"The app did not answer /health/live within {timeout}:\n{Output}");
            }

            await Task.Delay(100, cts.Token).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The web project's own build output beside this test project's (same configuration), else the copy here.</summary>
    private static string FindWebDll()
    {
        var here = AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar);
        var own = here.Replace($"{Path.DirectorySeparatorChar}WorkBrain.Tests{Path.DirectorySeparatorChar}", $"{Path.DirectorySeparatorChar}WorkBrain.Web{Path.DirectorySeparatorChar}", StringComparison.Ordinal);
        foreach (var candidate in new[] { Path.Combine(own, "WorkBrain.Web.dll"), Path.Combine(here, "WorkBrain.Web.dll") })
        {
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"WorkBrain.Web.dll was not found next to {here}; build the solution first.");
    }
}
