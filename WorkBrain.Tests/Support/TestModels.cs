using System.Diagnostics;

namespace WorkBrain.Tests.Support;

/// <summary>
/// Finds the real small models (WORKBRAIN_MODELS, ../shared/models in CI) and builds the tiny generated ones:
/// each generator is a script under models/fixtures/ run once per test run with Debian's /usr/bin/python3
/// (torch + onnx), its output cached in a temporary folder.
/// </summary>
public static class TestModels
{
    private static readonly SemaphoreSlim Lock = new(1, 1);
    private static readonly Dictionary<string, string> Built = new(StringComparer.Ordinal);

    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>The folder of real weights, or null when WORKBRAIN_MODELS is unset and ../shared/models is absent.</summary>
    public static string? RealModelsDirectory
    {
        get
        {
            var env = Environment.GetEnvironmentVariable("WORKBRAIN_MODELS");
            if (!string.IsNullOrWhiteSpace(env) && Directory.Exists(env))
            {
                return Path.GetFullPath(env);
            }

            var shared = Path.Combine(RepositoryRoot, "..", "shared", "models");
            return Directory.Exists(shared) ? Path.GetFullPath(shared) : null;
        }
    }

    public static string RequireRealModel(string relativePath)
    {
        var dir = RealModelsDirectory ?? throw new InvalidOperationException(
            "Real test models not found: set WORKBRAIN_MODELS to the shared models folder (.ci/run sets it to ../shared/models).");
        var path = Path.Combine(dir, relativePath);
        return File.Exists(path) || Directory.Exists(path)
            ? path
            : throw new FileNotFoundException($"{relativePath} is missing from WORKBRAIN_MODELS ({dir}).", path);
    }

    public static string SharedMedia(string name)
    {
        var models = RealModelsDirectory;
        var candidates = new[]
        {
            models is null ? null : Path.Combine(models, "..", "media", name),
            Path.Combine(RepositoryRoot, "..", "shared", "media", name),
        };
        return candidates.Where(c => c is not null).Select(c => Path.GetFullPath(c!)).FirstOrDefault(File.Exists)
               ?? throw new FileNotFoundException($"Shared test media {name} not found next to WORKBRAIN_MODELS.", name);
    }

    /// <summary>Runs models/fixtures/{script}.py OUTDIR [args] once and returns OUTDIR.</summary>
    public static async Task<string> GenerateAsync(string script, params string[] args)
    {
        var key = script + "|" + string.Join("|", args);
        await Lock.WaitAsync();
        try
        {
            if (Built.TryGetValue(key, out var existing))
            {
                return existing;
            }

            var outDir = Path.Combine(Path.GetTempPath(), "workbrain-fixtures", $"{script}-{Environment.ProcessId}-{Built.Count}");
            Directory.CreateDirectory(outDir);
            var scriptPath = Path.Combine(RepositoryRoot, "models", "fixtures", script + ".py");
            var psi = new ProcessStartInfo("/usr/bin/python3")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            psi.ArgumentList.Add(scriptPath);
            psi.ArgumentList.Add(outDir);
            foreach (var a in args)
            {
                psi.ArgumentList.Add(a);
            }

            using var process = Process.Start(psi) ?? throw new InvalidOperationException("Could not start /usr/bin/python3.");
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"{script}.py failed ({process.ExitCode}): {await stderr}\n{await stdout}");
            }

            Built[key] = outDir;
            return outDir;
        }
        finally
        {
            Lock.Release();
        }
    }

    private static string FindRepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "WorkBrain.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("WorkBrain.sln not found above the test binaries.");
    }
}
