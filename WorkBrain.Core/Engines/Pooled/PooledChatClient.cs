using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace WorkBrain.Core.Engines.Pooled;

/// <summary>
/// Several remote engines behind one <see cref="IChatClient"/>: each call goes to the least busy engine that is
/// available (circuit closed, last call and health check fine); an engine that fails, hangs or does not start its
/// stream within the first-token timeout is marked with the reason and the call moves on to the next one. Once a
/// stream has started it stays on its engine (moving would repeat text). Health checks bring engines back.
/// </summary>
public sealed class PooledChatClient : IChatClient
{
    private readonly IReadOnlyList<PoolMember> _members;
    private readonly EnginePoolOptions _options;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _healthLoop;
    private int _rotation;

    public PooledChatClient(IReadOnlyList<PoolMember> members, EnginePoolOptions options)
    {
        ArgumentNullException.ThrowIfNull(members);
        ArgumentOutOfRangeException.ThrowIfZero(members.Count);
        _members = members;
        _options = options;
        _healthLoop = Task.Run(() => CheckHealthAsync(_stopping.Token));
    }

    public IReadOnlyList<PoolMember> Members => _members;

    public IReadOnlyList<EngineMemberStatus> Statuses() => _members.Select(m => m.Status()).ToList();

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var list = messages as IReadOnlyList<ChatMessage> ?? messages.ToList();
        var failures = new List<string>();
        foreach (var member in Order())
        {
            member.Begin();
            try
            {
                var response = await member.Client.GetResponseAsync(list, options, cancellationToken);
                member.Succeeded();
                return response;
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                Fail(member, PoolMember.Describe(ex, null), failures);
            }
            finally
            {
                member.End();
            }
        }

        throw AllFailed(failures);
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var list = messages as IReadOnlyList<ChatMessage> ?? messages.ToList();
        var failures = new List<string>();
        foreach (var member in Order())
        {
            member.Begin();
            try
            {
                // Until the first update, a timeout or failure moves the call to the next engine.
                using var firstToken = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                firstToken.CancelAfter(TimeSpan.FromSeconds(_options.FirstTokenTimeoutSeconds));
                var stream = member.Client.GetStreamingResponseAsync(list, options, firstToken.Token).GetAsyncEnumerator(firstToken.Token);
                try
                {
                    var (first, failure) = await FirstAsync(stream, cancellationToken, firstToken);
                    if (failure is not null)
                    {
                        Fail(member, failure, failures);
                        continue;
                    }

                    member.Succeeded();
                    if (first is null)
                    {
                        yield break;
                    }

                    yield return first;
                    // The stream goes on under the first-token source, whose timer no longer matters.
                    firstToken.CancelAfter(Timeout.InfiniteTimeSpan);
                    while (await NextAsync(stream, member))
                    {
                        yield return stream.Current;
                    }

                    yield break;
                }
                finally
                {
                    await stream.DisposeAsync();
                }
            }
            finally
            {
                member.End();
            }
        }

        throw AllFailed(failures);
    }

    /// <summary>The first update, null when the stream is empty, or why it could not be had.</summary>
    private static async Task<(ChatResponseUpdate? First, string? Failure)> FirstAsync(
        IAsyncEnumerator<ChatResponseUpdate> stream, CancellationToken caller, CancellationTokenSource firstToken)
    {
        try
        {
            return await stream.MoveNextAsync() ? (stream.Current, null) : (null, null);
        }
        catch (OperationCanceledException) when (!caller.IsCancellationRequested && firstToken.IsCancellationRequested)
        {
            return (null, "no first token within the first-token timeout");
        }
        catch (Exception ex) when (!caller.IsCancellationRequested)
        {
            return (null, PoolMember.Describe(ex, null));
        }
    }

    private static async ValueTask<bool> NextAsync(IAsyncEnumerator<ChatResponseUpdate> stream, PoolMember member)
    {
        try
        {
            return await stream.MoveNextAsync();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            member.Failed("stream broke: " + PoolMember.Describe(ex, null));
            throw;
        }
    }

    /// <summary>Available engines, least busy first (ties taken in turn); the others last, as a final resort.</summary>
    private List<PoolMember> Order()
    {
        var turn = Interlocked.Increment(ref _rotation);
        var rotated = _members.Select((m, i) => (Member: m, Tie: (i - turn % _members.Count + _members.Count) % _members.Count)).ToList();
        return rotated
            .OrderBy(x => x.Member.IsAvailable ? 0 : 1)
            .ThenBy(x => x.Member.InFlight)
            .ThenBy(x => x.Tie)
            .Select(x => x.Member)
            .ToList();
    }

    private static void Fail(PoolMember member, string reason, List<string> failures)
    {
        member.Failed(reason);
        failures.Add($"{member.Name}: {reason}");
    }

    private Exception AllFailed(List<string> failures) =>
        new InvalidOperationException($"All {_members.Count} text engines failed: {string.Join("; ", failures)}");

    private async Task CheckHealthAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(_options.HealthCheckSeconds));
        try
        {
            do
            {
                await Task.WhenAll(_members.Select(m => m.ProbeAsync(cancellationToken)));
            }
            while (await timer.WaitForNextTickAsync(cancellationToken));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose()
    {
        _stopping.Cancel();
        try
        {
            _healthLoop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
        }

        foreach (var member in _members)
        {
            member.Dispose();
        }

        _stopping.Dispose();
    }
}
