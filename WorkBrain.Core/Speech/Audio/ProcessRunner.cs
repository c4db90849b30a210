using System.Diagnostics;

namespace WorkBrain.Core.Speech.Audio;

/// <summary>The result of a finished external program.</summary>
internal sealed record ProcessResult(int ExitCode, byte[] Output, string Error);

/// <summary>Runs an external program (ffmpeg, espeak-ng) with arguments, optional stdin, captured stdout/stderr; kills it on cancellation.</summary>
internal static class ProcessRunner
{
    public static async Task<ProcessResult> RunAsync(string fileName, IEnumerable<string> arguments, byte[]? stdin, CancellationToken cancellationToken)
    {
        var psi = new ProcessStartInfo(fileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in arguments)
        {
            psi.ArgumentList.Add(a);
        }

        Process process;
        try
        {
            process = Process.Start(psi) ?? throw new InvalidOperationException($"{fileName} did not start.");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new FileNotFoundException($"{fileName} is not installed or not on PATH.", fileName, e);
        }

        using (process)
        {
            try
            {
                var output = new MemoryStream();
                var copy = process.StandardOutput.BaseStream.CopyToAsync(output, cancellationToken);
                var error = process.StandardError.ReadToEndAsync(cancellationToken);
                var input = WriteInputAsync(process, stdin, cancellationToken);
                await Task.WhenAll(copy, error, input).ConfigureAwait(false);
                await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
                return new ProcessResult(process.ExitCode, output.ToArray(), await error.ConfigureAwait(false));
            }
            catch (OperationCanceledException)
            {
                TryKill(process);
                throw;
            }
        }
    }

    private static async Task WriteInputAsync(Process process, byte[]? stdin, CancellationToken cancellationToken)
    {
        try
        {
            if (stdin is { Length: > 0 })
            {
                await process.StandardInput.BaseStream.WriteAsync(stdin, cancellationToken).ConfigureAwait(false);
            }

            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // The program exited without reading all of its input; its exit code tells what happened.
        }
    }

    private static void TryKill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
    }
}
