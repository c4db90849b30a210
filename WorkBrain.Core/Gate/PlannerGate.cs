using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WorkBrain.Core.Experts;
using WorkBrain.Core.Turns;

namespace WorkBrain.Core.Gate;

/// <summary>
/// The optional planner gate (the seed's prompt gate): asks the text model for a JSON plan
/// <c>{"experts":[{"id":…,"p":…,"instruction":…}]}</c>, checks it against that schema (known ids, p in 0..1, a non-empty
/// instruction, no duplicates) and falls back to the trained gate on any error, invalid plan or timeout.
/// </summary>
public sealed partial class PlannerGate(
    Func<CancellationToken, ValueTask<IChatClient>> getClient,
    IGate fallback,
    IOptionsMonitor<GateOptions> gateOptions,
    IOptions<PlannerGateOptions> plannerOptions,
    ILogger<PlannerGate> logger) : IGate
{
    public string Name => "planner";

    public async ValueTask<GateDecision> RouteAsync(Turn turn, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var start = Stopwatch.GetTimestamp();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(plannerOptions.Value.TimeoutSeconds));
        try
        {
            var client = await getClient(timeout.Token);
            var response = await client.GetResponseAsync(
                [new ChatMessage(ChatRole.System, PlannerPrompt.System), new ChatMessage(ChatRole.User, turn.Text)],
                new ChatOptions { Temperature = 0, ResponseFormat = ChatResponseFormat.Json },
                timeout.Token);
            var plan = PlannerPrompt.Parse(response.Text);
            var scores = new float[ExpertIds.All.Count];
            foreach (var step in plan)
            {
                scores[ExpertIds.IndexOf(step.Id)] = step.P;
            }

            string InstructionFor(string expert) =>
                plan.FirstOrDefault(s => s.Id == expert)?.Instruction ?? turn.Text;

            var options = gateOptions.CurrentValue;
            return GateSelection.Decide(scores, GateThresholds.Uniform(options.Threshold), InstructionFor, options.MaxExperts,
                keepText: true, Name, Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            LogFallback(logger, "timed out", null);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogFallback(logger, ex.Message, ex is JsonException or InvalidDataException ? null : ex);
        }

        return await fallback.RouteAsync(turn, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Planner gate failed ({Reason}); the trained gate routes this request.")]
    private static partial void LogFallback(ILogger logger, string reason, Exception? exception);
}
