using System.Diagnostics;

namespace WorkBrain.Benchmarks;

/// <summary>Runs a generator of models/fixtures/ (Debian's /usr/bin/python3) into a temporary folder.</summary>
internal static class FixtureScripts
{
    public static async Task<string> RunAsync(string script, string folderName, IEnumerable<string> args, CancellationToken cancellationToken)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "WorkBrain.sln")))
        {
            dir = dir.Parent;
        }

        var path = Path.Combine(dir?.FullName ?? throw new InvalidOperationException("WorkBrain.sln not found; pass a model path."), "models", "fixtures", script + ".py");
        var outDir = Path.Combine(Path.GetTempPath(), folderName);
        Directory.CreateDirectory(outDir);
        var psi = new ProcessStartInfo("/usr/bin/python3") { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        psi.ArgumentList.Add(path);
        psi.ArgumentList.Add(outDir);
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using var process = Process.Start(psi) ?? throw new InvalidOperationException("Could not start /usr/bin/python3.");
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.StandardOutput.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{script}.py failed: {await error}");
        }

        return outDir;
    }

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }
}
