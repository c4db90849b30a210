using System.Globalization;

namespace WorkBrain.Benchmarks;

/// <summary>
/// CPU time of this process: in all (<see cref="Environment.CpuUsage"/>, getrusage: microseconds, threads that ended
/// included) and per live thread in nanoseconds as the scheduler counts them (/proc/self/task/*/schedstat), which says
/// which thread did the work. Process.TotalProcessorTime moves in 10 ms clock ticks on Linux (/proc/self/stat), a sixth
/// of a 128-token GenAI round, so a difference of two of its readings can be off by a tick.
/// </summary>
internal sealed class ThreadCpu
{
    private readonly Dictionary<int, (string Name, long Nanoseconds)> _threads;

    private readonly TimeSpan _total;

    private ThreadCpu(Dictionary<int, (string, long)> threads, TimeSpan total)
    {
        _threads = threads;
        _total = total;
    }

    public static bool Available => File.Exists("/proc/self/schedstat");

    public static ThreadCpu Now()
    {
        var threads = new Dictionary<int, (string, long)>();
        if (!Available)
        {
            return new ThreadCpu(threads, Environment.CpuUsage.TotalTime);
        }

        foreach (var dir in Directory.EnumerateDirectories("/proc/self/task"))
        {
            try
            {
                var ns = long.Parse(File.ReadAllText(Path.Combine(dir, "schedstat")).Split(' ')[0], CultureInfo.InvariantCulture);
                var name = File.ReadAllText(Path.Combine(dir, "comm")).Trim();
                threads[int.Parse(Path.GetFileName(dir), CultureInfo.InvariantCulture)] = (name, ns);
            }
            catch (IOException)
            {
                // the thread ended between listing and reading
            }
        }

        return new ThreadCpu(threads, Environment.CpuUsage.TotalTime);
    }

    /// <summary>CPU milliseconds per thread name (threads of one name summed: a generation's worker is a new thread each
    /// request) from <paramref name="before"/> to this reading; "(ended)" is the time of threads that ended in between.</summary>
    public Dictionary<string, double> Since(ThreadCpu before)
    {
        var result = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (tid, (name, ns)) in _threads)
        {
            var delta = ns - (before._threads.TryGetValue(tid, out var b) ? b.Nanoseconds : 0);
            if (delta > 0)
            {
                result[name] = result.GetValueOrDefault(name) + (delta / 1e6);
            }
        }

        var ended = MillisecondsSince(before) - result.Values.Sum();
        if (ended > 0.01)
        {
            result["(ended)"] = ended;
        }

        return result;
    }

    public double MillisecondsSince(ThreadCpu before) => (_total - before._total).TotalMilliseconds;
}
