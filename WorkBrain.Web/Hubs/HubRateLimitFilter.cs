using Microsoft.AspNetCore.SignalR;
using WorkBrain.Web.Accounts;
using WorkBrain.Web.RateLimiting;

namespace WorkBrain.Web.Hubs;

/// <summary>Every hub call spends the caller's per-user budget, as a /v1 request does. <c>Ask</c> is counted where
/// the answer starts (<see cref="Conversations.ConversationService"/>, shared with the chat page), not twice.</summary>
internal sealed class HubRateLimitFilter(IUserRateLimiter limiter, CurrentUser currentUser) : IHubFilter
{
    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        ArgumentNullException.ThrowIfNull(invocationContext);
        ArgumentNullException.ThrowIfNull(next);
        if (invocationContext.HubMethodName != nameof(BrainHub.Ask))
        {
            var decision = await limiter.TryAcquireAsync(currentUser.IdOf(invocationContext.Context.User), invocationContext.Context.ConnectionAborted);
            if (!decision.Allowed)
            {
                throw new HubException(new RateLimitExceededException(decision.RetryAfter).Message);
            }
        }

        return await next(invocationContext);
    }
}
