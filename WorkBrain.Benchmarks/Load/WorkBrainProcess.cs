using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace WorkBrain.Benchmarks.Load;

/// <summary>One WorkBrain web replica as its own process on a free 127.0.0.1 port (the Release build of WorkBrain.Web),
/// so its memory is its own. Killed on dispose.</summary>
internal sealed class WorkBrainProcess : IAsyncDisposable
{
    private readonly Process _process;

    private WorkBrainProcess(Process process, string url)
    {
        _process = process;
        Url = url;
    }

    public string Url { get; }

    public int Pid => _process.Id;

    /// <param name="serverDll">A WorkBrain.Web.dll to start instead of this build's own (e.g. a ReadyToRun publish); null for this build's.</param>
    public static async Task<WorkBrainProcess> StartAsync(IReadOnlyDictionary<string, string> settings, string? serverDll, CancellationToken cancellationToken)
    {
        var dll = serverDll is null ? FindWebDll()
            : File.Exists(serverDll) ? Path.GetFullPath(serverDll) : throw new FileNotFoundException($"--server {serverDll} does not exist.", serverDll);
        var port = FreePort();
        var url = $"http://127.0.0.1:{port}";
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetDirectoryName(dll)! };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(url);
        foreach (var (key, value) in settings)
        {
            start.ArgumentList.Add($"--{key}={value}");
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start WorkBrain.Web.");
        var errors = new System.Collections.Concurrent.ConcurrentQueue<string>();
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { } line && errors.Count < 50)
            {
                errors.Enqueue(line);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var replica = new WorkBrainProcess(process, url);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (process.HasExited)
            {
                throw new InvalidOperationException("WorkBrain.Web exited on start:\n" + string.Join("\n", errors));
            }

            try
            {
                if ((await http.GetAsync(url + "/health/ready", cancellationToken)).IsSuccessStatusCode)
                {
                    return replica;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                // Not listening yet, or too busy to answer within the probe's timeout: asked again until the deadline.
            }

            if (DateTime.UtcNow > deadline)
            {
                await replica.DisposeAsync();
                throw new TimeoutException("WorkBrain.Web did not become ready in 90 s:\n" + string.Join("\n", errors));
            }

            await Task.Delay(200, cancellationToken);
        }
    }

    /// <summary>CPU time the process has used (user and system; 10 ms ticks on Linux, fine over a run of seconds).</summary>
    public TimeSpan CpuTime()
    {
        _process.Refresh();
        return _process.TotalProcessorTime;
    }

    /// <summary>Resident memory of the process, bytes.</summary>
    public long ResidentBytes()
    {
        foreach (var line in File.ReadLines($"/proc/{_process.Id}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
            }
        }

        return 0;
    }

    private static string FindWebDll()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "WorkBrain.sln")))
        {
            directory = directory.Parent;
        }

        var configuration = AppContext.BaseDirectory.Contains("/Release/", StringComparison.Ordinal) ? "Release" : "Debug";
        var dll = directory is null ? null : Path.Combine(directory.FullName, "WorkBrain.Web", "bin", configuration, "net10.0", "WorkBrain.Web.dll");
        return dll is not null && File.Exists(dll)
            ? dll
            : throw new FileNotFoundException("WorkBrain.Web is not built: run the benchmark with dotnet run -c Release --project WorkBrain.Benchmarks, which builds it.");
    }

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
