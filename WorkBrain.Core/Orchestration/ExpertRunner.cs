using System.Diagnostics;
using System.Runtime.CompilerServices;
using WorkBrain.Core.Events;
using WorkBrain.Core.Experts;

namespace WorkBrain.Core.Orchestration;

/// <summary>Runs one expert: frames its stream with Started/Finished, turns its failures into <see cref="ExpertFailed"/>,
/// and lets cancellation through as cancellation.</summary>
internal static class ExpertRunner
{
    public static async IAsyncEnumerable<BrainEvent> RunAsync(
        IExpert? expert,
        string expertId,
        ExpertRequest request,
        BrainTelemetry telemetry,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        yield return new ExpertStarted(expertId, request.Instruction);
        if (expert is null)
        {
            yield return new ExpertFailed(expertId, $"The {ExpertIds.DisplayName(expertId)} expert is not installed.");
            yield break;
        }

        var clock = Stopwatch.StartNew();
        telemetry.RecordExpertStarted(expertId);
        double? firstOutput = null;
        var tokens = 0;
        IAsyncEnumerator<BrainEvent>? enumerator = null;
        string? failure = null;
        try
        {
            enumerator = expert.RunAsync(request, cancellationToken).GetAsyncEnumerator(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            failure = Describe(ex);
        }

        if (enumerator is not null)
        {
            try
            {
                while (true)
                {
                    BrainEvent current;
                    try
                    {
                        if (!await enumerator.MoveNextAsync())
                        {
                            break;
                        }

                        current = enumerator.Current;
                    }
                    catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                    {
                        throw;
                    }
                    catch (Exception ex)
                    {
                        failure = Describe(ex);
                        break;
                    }

                    if (current is TextDelta or ImageReady or AudioReady or Transcribed)
                    {
                        firstOutput ??= clock.Elapsed.TotalMilliseconds;
                    }

                    if (current is TextDelta)
                    {
                        tokens++;
                    }

                    yield return current;
                }
            }
            finally
            {
                await enumerator.DisposeAsync();
                if (cancellationToken.IsCancellationRequested && failure is null)
                {
                    // Stopped, not failed: it no longer counts as in flight.
                    telemetry.RecordExpertCancelled(expertId);
                }
            }
        }

        var elapsed = clock.Elapsed.TotalMilliseconds;
        if (failure is not null)
        {
            telemetry.RecordExpert(expertId, elapsed, 0, null, failure);
            yield return new ExpertFailed(expertId, failure);
            yield break;
        }

        double? tokensPerSecond = tokens > 0 && firstOutput is { } first && elapsed > first
            ? tokens / ((elapsed - first) / 1000.0)
            : null;
        telemetry.RecordExpert(expertId, elapsed, tokens, tokensPerSecond, null);
        yield return new ExpertFinished(expertId, new ExpertStats(elapsed, firstOutput, tokens > 0 ? tokens : null, tokensPerSecond));
    }

    private static string Describe(Exception ex) => ex switch
    {
        ExpertException => ex.Message,
        TimeoutException => $"Timed out: {ex.Message}",
        HttpRequestException http => $"The model server could not be reached: {http.Message}",
        _ => $"{ex.GetType().Name}: {ex.Message}",
    };
}
