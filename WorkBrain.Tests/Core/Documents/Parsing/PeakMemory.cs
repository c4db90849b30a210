namespace WorkBrain.Tests.Core.Documents.Parsing;

/// <summary>Samples the managed heap while <paramref name="work"/> runs and returns the highest growth over the start.</summary>
internal static class PeakMemory
{
    public static async Task<(long PeakGrowthBytes, Exception? Error)> MeasureAsync(Func<Task> work)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var start = GC.GetTotalMemory(forceFullCollection: true);
        long peak = start;
        using var stop = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                peak = Math.Max(peak, GC.GetTotalMemory(false));
                await Task.Delay(5);
            }
        });
        Exception? error = null;
        try
        {
            await work();
        }
        catch (Exception ex)
        {
            error = ex;
        }

        peak = Math.Max(peak, GC.GetTotalMemory(false));
        await stop.CancelAsync();
        await sampler;
        return (peak - start, error);
    }
}
