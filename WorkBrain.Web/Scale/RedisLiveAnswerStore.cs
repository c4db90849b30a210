using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading.Channels;
using StackExchange.Redis;
using WorkBrain.Core.Events;
using WorkBrain.Web.Conversations;
using WorkBrain.Web.Conversations.Live;

namespace WorkBrain.Web.Scale;

/// <summary>
/// Live answers as Redis Streams, so a watcher on any replica can join or resume any answer from any event index.
/// Event number i is the stream entry with id "0-(i+1)", so resuming after n events is a range read from "0-(n+1)";
/// the end is the entry "1-0", after every event id, so a watcher that asks from any index still sees it.
/// A hash beside the stream says whose answer it is; one pub/sub channel wakes watchers when entries arrive.
/// </summary>
internal sealed class RedisLiveAnswerStore : ILiveAnswerStore, IDisposable
{
    /// <summary>A running answer's keys live this long after their last refresh (an owner that died lets them go).</summary>
    private static readonly TimeSpan RunningLifetime = TimeSpan.FromMinutes(10);

    /// <summary>A finished answer's stream stays this long for watchers already reading it.</summary>
    private static readonly TimeSpan FinishedLifetime = TimeSpan.FromMinutes(1);

    /// <summary>Watchers also look for entries this often, in case a wake-up message was lost.</summary>
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    /// <summary>A read (or an idempotent write) that times out (a starved process, a busy Redis) or finds the connection
    /// down (the multiplexer restores it by itself) is tried again after these waits before it fails: a watcher that died
    /// of a hiccup left a page frozen mid-answer.</summary>
    private static readonly TimeSpan[] RetryDelays = [TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4)];

    private const int ReadBatch = 1024;
    private static readonly RedisValue EndId = "1-0";

    private readonly IConnectionMultiplexer _redis;
    private readonly string _prefix;
    private readonly RedisChannel _wakeChannel;
    private readonly Action<RedisChannel, RedisValue> _onWake;
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<Channel<bool>, byte>> _waiters = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _refreshedAt = new(StringComparer.Ordinal);

    public RedisLiveAnswerStore(IConnectionMultiplexer redis, RedisOptions options)
    {
        _redis = redis;
        _prefix = options.KeyPrefix;
        _wakeChannel = RedisChannel.Literal(_prefix + "live");
        _onWake = (_, messageId) => Wake(messageId.ToString());
        _redis.GetSubscriber().Subscribe(_wakeChannel, _onWake);
    }

    public async Task BeginAsync(LiveAnswer answer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(answer);
        var db = _redis.GetDatabase();
        var meta = MetaKey(answer.MessageId);
        // Each of these may be sent again: setting the same fields and lifetimes twice changes nothing.
        await RetryAsync(async () =>
        {
            await db.HashSetAsync(meta, [new("user", answer.UserId), new("session", answer.SessionId), new("live", 1)]);
            return true;
        }, cancellationToken);
        await RetryAsync(() => db.KeyExpireAsync(meta, RunningLifetime), cancellationToken);
        await RetryAsync(() => db.StringSetAsync(SessionKey(answer.SessionId), answer.MessageId, RunningLifetime), cancellationToken);
        _refreshedAt[answer.MessageId] = Environment.TickCount64;
    }

    public async ValueTask AppendAsync(string messageId, int index, BrainEvent e, CancellationToken cancellationToken = default)
    {
        var db = _redis.GetDatabase();
        var json = JsonSerializer.Serialize(e, ChatStore.Json);
        var stream = StreamKey(messageId);
        await db.StreamAddAsync(stream, "e", json, EventId(index));
        _ = db.PublishAsync(_wakeChannel, messageId, CommandFlags.FireAndForget);
        if (_refreshedAt.TryGetValue(messageId, out var at) && Environment.TickCount64 - at > 60_000)
        {
            _refreshedAt[messageId] = Environment.TickCount64;
            _ = db.KeyExpireAsync(stream, RunningLifetime, flags: CommandFlags.FireAndForget);
            _ = db.KeyExpireAsync(MetaKey(messageId), RunningLifetime, flags: CommandFlags.FireAndForget);
        }
    }

    public async Task EndAsync(string messageId)
    {
        _refreshedAt.TryRemove(messageId, out _);
        var db = _redis.GetDatabase();
        var stream = StreamKey(messageId);
        var meta = MetaKey(messageId);
        await db.StreamAddAsync(stream, "end", 1, EndId);
        await db.HashSetAsync(meta, "live", 0);
        await db.KeyExpireAsync(stream, FinishedLifetime);
        await db.KeyExpireAsync(meta, FinishedLifetime);
        if (await db.HashGetAsync(meta, "session") is { HasValue: true } session)
        {
            // Only if it still points here: a newer answer of the session may already have taken it.
            var key = SessionKey(session.ToString());
            if (await RetryAsync(() => db.StringGetAsync(key), CancellationToken.None) == messageId)
            {
                await db.KeyDeleteAsync(key);
            }
        }

        await db.PublishAsync(_wakeChannel, messageId);
    }

    public async Task<LiveAnswer?> FindAsync(string messageId, CancellationToken cancellationToken = default)
    {
        var db = _redis.GetDatabase();
        var fields = await RetryAsync(() => db.HashGetAllAsync(MetaKey(messageId)), cancellationToken);
        var map = fields.ToDictionary(f => f.Name.ToString(), f => f.Value.ToString(), StringComparer.Ordinal);
        return map.TryGetValue("live", out var live) && live == "1"
            ? new LiveAnswer(messageId, map.GetValueOrDefault("session", ""), map.GetValueOrDefault("user", ""))
            : null;
    }

    public async Task<LiveAnswer?> FindBySessionAsync(string sessionId, CancellationToken cancellationToken = default)
    {
        var db = _redis.GetDatabase();
        var messageId = await RetryAsync(() => db.StringGetAsync(SessionKey(sessionId)), cancellationToken);
        return messageId.HasValue ? await FindAsync(messageId.ToString(), cancellationToken) : null;
    }

    public IAsyncEnumerable<BrainEvent> WatchAsync(string messageId, int from, CancellationToken cancellationToken = default) =>
        WatchBatchesAsync(messageId, from, cancellationToken).Flatten(cancellationToken);

    /// <summary>A batch is what one range read returned (up to the end marker).</summary>
    public async IAsyncEnumerable<IReadOnlyList<BrainEvent>> WatchBatchesAsync(string messageId, int from, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var db = _redis.GetDatabase();
        var stream = StreamKey(messageId);
        var wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
        var waiters = _waiters.GetOrAdd(messageId, _ => new ConcurrentDictionary<Channel<bool>, byte>());
        waiters[wake] = 0;
        try
        {
            long next = Math.Max(0, from);
            while (true)
            {
                var first = EventId(next);
                var entries = await RetryAsync(() => db.StreamRangeAsync(stream, first, "+", ReadBatch), cancellationToken);
                var batch = new List<BrainEvent>(entries.Length);
                var ended = false;
                foreach (var entry in entries)
                {
                    if (entry.Id == EndId)
                    {
                        ended = true;
                        break;
                    }

                    next = long.Parse(entry.Id.ToString().AsSpan(2), CultureInfo.InvariantCulture);
                    if (JsonSerializer.Deserialize<BrainEvent>(entry["e"].ToString(), ChatStore.Json) is { } e)
                    {
                        batch.Add(e);
                    }
                }

                if (batch.Count > 0)
                {
                    yield return batch;
                }

                if (ended)
                {
                    yield break;
                }

                if (entries.Length == ReadBatch)
                {
                    continue;
                }

                if (!await RetryAsync(() => db.KeyExistsAsync(MetaKey(messageId)), cancellationToken))
                {
                    yield break; // expired: the replica that ran it is gone; the database has what was written
                }

                using var poll = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                poll.CancelAfter(PollInterval);
                try
                {
                    await wake.Reader.ReadAsync(poll.Token);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                }
            }
        }
        finally
        {
            waiters.TryRemove(wake, out _);
            if (waiters.IsEmpty)
            {
                _waiters.TryRemove(new KeyValuePair<string, ConcurrentDictionary<Channel<bool>, byte>>(messageId, waiters));
            }
        }
    }

    /// <summary>Runs a read or an idempotent write, trying it again after <see cref="RetryDelays"/> when Redis times out or
    /// the connection is down.</summary>
    private static async Task<T> RetryAsync<T>(Func<Task<T>> read, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await read();
            }
            catch (Exception ex) when (ex is RedisTimeoutException or RedisConnectionException && attempt < RetryDelays.Length)
            {
                await Task.Delay(RetryDelays[attempt], cancellationToken);
            }
        }
    }

    private void Wake(string messageId)
    {
        if (_waiters.TryGetValue(messageId, out var waiters))
        {
            foreach (var waiter in waiters.Keys)
            {
                waiter.Writer.TryWrite(true);
            }
        }
    }

    /// <summary>The stream id of event number <paramref name="index"/>.</summary>
    private static string EventId(long index) => "0-" + (index + 1).ToString(CultureInfo.InvariantCulture);

    private RedisKey StreamKey(string messageId) => _prefix + "live:" + messageId + ":events";

    private RedisKey MetaKey(string messageId) => _prefix + "live:" + messageId;

    private RedisKey SessionKey(string sessionId) => _prefix + "live-session:" + sessionId;

    /// <summary>Stops listening with this store's own handler only: another user of the channel on this connection keeps its own.</summary>
    public void Dispose() => _redis.GetSubscriber().Unsubscribe(_wakeChannel, _onWake);
}
