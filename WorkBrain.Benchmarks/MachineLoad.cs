namespace WorkBrain.Benchmarks;

/// <summary>The machine's load average (1/5/15 min), printed beside every figure: it says how much of a tail or a ratio
/// is other processes' CPU. "n/a" where /proc/loadavg cannot be read (not Linux).</summary>
internal static class MachineLoad
{
    public static string Average()
    {
        try
        {
            return string.Join(" / ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return "n/a";
        }
    }
}
