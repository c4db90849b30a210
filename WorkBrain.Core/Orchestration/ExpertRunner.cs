using System.Diagnostics;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using WorkBrain.Core.Events;
using WorkBrain.Core.Experts;

namespace WorkBrain.Core.Orchestration;

/// <summary>Runs one expert: frames its stream with Started/Finished, folds the engine's token usage into the stats,
/// turns its failures into <see cref="ExpertFailed"/> with a message any user may see (the detail goes to the log and
/// to the admins' dashboard), and lets cancellation through as cancellation.</summary>
internal static partial class ExpertRunner
{
    public static async IAsyncEnumerable<BrainEvent> RunAsync(
        IExpert? expert,
        string expertId,
        ExpertCatalog catalog,
        ExpertRequest request,
        BrainTelemetry telemetry,
        ILogger logger,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        yield return new ExpertStarted(expertId, request.Instruction);
        if (expert is null)
        {
            yield return new ExpertFailed(expertId, $"The {catalog.DisplayName(expertId)} expert is not installed.", FailureReasons.Unavailable);
            yield break;
        }

        var clock = Stopwatch.StartNew();
        telemetry.RecordExpertStarted(expertId);
        double? firstOutput = null;
        var pieces = 0;
        ExpertUsage? usage = null;
        IAsyncEnumerator<BrainEvent>? enumerator = null;
        Exception? failure = null;
        try
        {
            enumerator = expert.RunAsync(request, cancellationToken).GetAsyncEnumerator(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            failure = ex;
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
                        failure = ex;
                        break;
                    }

                    if (current is ExpertUsage u)
                    {
                        usage = u;
                        continue;
                    }

                    if (current is TextDelta or ImageReady or AudioReady or Transcribed or ToolCallRequested)
                    {
                        firstOutput ??= clock.Elapsed.TotalMilliseconds;
                    }

                    if (current is TextDelta)
                    {
                        pieces++;
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
            var detail = $"{failure.GetType().Name}: {failure.Message}";
            LogFailed(logger, failure, expertId);
            telemetry.RecordExpert(expertId, elapsed, 0, null, detail);
            var (message, reason) = Describe(failure, wrote: firstOutput is not null);
            yield return new ExpertFailed(expertId, message, reason);
            yield break;
        }

        // The engine's own count when it reports one; else each text piece counts as one token.
        var tokens = usage?.OutputTokens is { } reported ? (int)reported : pieces;
        double? tokensPerSecond = tokens > 0 && firstOutput is { } first && elapsed > first
            ? tokens / ((elapsed - first) / 1000.0)
            : null;
        telemetry.RecordExpert(expertId, elapsed, tokens, tokensPerSecond, null);
        yield return new ExpertFinished(expertId, new ExpertStats(elapsed, firstOutput, tokens > 0 ? tokens : null, tokensPerSecond,
            usage?.InputTokens is { } input ? (int)input : null, usage?.HitLength == true));
    }

    /// <summary>What the user sees: an expert's own message (scrubbed of addresses and paths), or a plain sentence for
    /// anything unexpected. A failure after output was written means the answer was cut off.</summary>
    internal static (string Message, string Reason) Describe(Exception ex, bool wrote) => ex switch
    {
        TimeoutException => (wrote ? "The answer was cut off: the model did not finish in time." : "The model did not answer in time.", FailureReasons.Timeout),
        ExpertException when wrote => (UserSafeText.Scrub(ex.Message), FailureReasons.Interrupted),
        ExpertException => (UserSafeText.Scrub(ex.Message), FailureReasons.Error),
        _ when wrote => ("The answer was cut off: the model stopped responding.", FailureReasons.Interrupted),
        HttpRequestException => ("The model server could not be reached.", FailureReasons.Error),
        _ => ("The model failed to answer.", FailureReasons.Error),
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Expert {Expert} failed")]
    private static partial void LogFailed(ILogger logger, Exception exception, string expert);
}
