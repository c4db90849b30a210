using System.Reflection;
using StackExchange.Redis;
using WorkBrain.Core.Events;
using WorkBrain.Tests.Support;
using WorkBrain.Web.Conversations.Live;
using WorkBrain.Web.Scale;

namespace WorkBrain.Tests.Web.Scale;

/// <summary>A watcher of a live answer in Redis outlives Redis hiccups: on a starved machine a read times out now and
/// then, and a watcher that died of it left a page frozen mid-answer (the two-replica browser test caught it).</summary>
public sealed class RedisLiveAnswerStoreTests
{
    [Fact]
    public async Task Watch_ReadsThatTimeOut_AreTriedAgain_AndTheWatcherGetsEveryEventOnce()
    {
        await using var server = await RedisServer.StartAsync();
        await using var redis = await server.ConnectAsync();
        var (flaky, counter) = FlakyReads.Wrap(redis, failuresPerCommand: 2);
        using var store = new RedisLiveAnswerStore(flaky, new RedisOptions { Connection = server.Connection, KeyPrefix = "wbtest-" + Guid.NewGuid().ToString("N")[..8] + ":" });
        await store.BeginAsync(new LiveAnswer("m1", "s1", "ada"));
        for (var i = 0; i < 5; i++)
        {
            await store.AppendAsync("m1", i, new TextDelta("text_generation", $"w{i} "));
        }

        var found = await store.FindAsync("m1");
        var watched = new List<BrainEvent>();
        await foreach (var e in store.WatchAsync("m1", 0))
        {
            watched.Add(e);
            if (watched.Count == 5)
            {
                await store.EndAsync("m1");
            }
        }

        Assert.Equal("ada", found?.UserId);
        Assert.Equal("w0 w1 w2 w3 w4 ", string.Concat(watched.Cast<TextDelta>().Select(d => d.Text)));
        Assert.True(counter.Failed >= 4, $"only {counter.Failed} reads failed: the test did not exercise the retries");
    }

    [Fact]
    public async Task WatchBatches_WhatIsInTheStreamComesTogether_FromTheIndexAsked_AndTheEndEndsIt()
    {
        await using var server = await RedisServer.StartAsync();
        await using var redis = await server.ConnectAsync();
        using var store = new RedisLiveAnswerStore(redis, new RedisOptions { Connection = server.Connection, KeyPrefix = "wbtest-" + Guid.NewGuid().ToString("N")[..8] + ":" });
        await store.BeginAsync(new LiveAnswer("m1", "s1", "ada"));
        for (var i = 0; i < 5; i++)
        {
            await store.AppendAsync("m1", i, new TextDelta("text_generation", $"w{i} "));
        }

        await store.EndAsync("m1");
        var batches = new List<IReadOnlyList<BrainEvent>>();
        await foreach (var batch in store.WatchBatchesAsync("m1", 2))
        {
            batches.Add(batch);
        }

        var only = Assert.Single(batches);
        Assert.Equal(["w2 ", "w3 ", "w4 "], only.Cast<TextDelta>().Select(d => d.Text));
    }

    /// <summary>Redis as a starved process sees it: the first calls of each read command time out; writes, pub/sub and
    /// everything else go to the real connection.</summary>
    public class FlakyReads : DispatchProxy
    {
        private static readonly string[] Reads = ["HashGetAllAsync", "StreamRangeAsync", "KeyExistsAsync", "StringGetAsync"];
        private readonly Dictionary<string, int> _calls = new(StringComparer.Ordinal);
        private object _target = default!;
        private int _failuresPerCommand;
        private FlakyReads? _owner;
        private IDatabase? _database;

        /// <summary>How many reads failed, of every database of this connection.</summary>
        public int Failed { get; private set; }

        public static (IConnectionMultiplexer Redis, FlakyReads Counter) Wrap(IConnectionMultiplexer redis, int failuresPerCommand)
        {
            var proxy = Create<IConnectionMultiplexer, FlakyReads>();
            var flaky = (FlakyReads)(object)proxy;
            flaky._target = redis;
            flaky._failuresPerCommand = failuresPerCommand;
            return (proxy, flaky);
        }

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
        {
            ArgumentNullException.ThrowIfNull(targetMethod);
            if (_target is IConnectionMultiplexer redis && targetMethod.Name == nameof(IConnectionMultiplexer.GetDatabase))
            {
                lock (_calls)
                {
                    if (_database is null)
                    {
                        _database = Create<IDatabase, FlakyReads>();
                        var flaky = (FlakyReads)(object)_database;
                        flaky._target = redis.GetDatabase();
                        flaky._failuresPerCommand = _failuresPerCommand;
                        flaky._owner = this;
                    }

                    return _database;
                }
            }

            if (Reads.Contains(targetMethod.Name) && targetMethod.ReturnType.IsGenericType)
            {
                lock (_calls)
                {
                    var calls = _calls[targetMethod.Name] = _calls.GetValueOrDefault(targetMethod.Name) + 1;
                    if (calls <= _failuresPerCommand)
                    {
                        Failed++;
                        if (_owner is not null)
                        {
                            _owner.Failed++;
                        }

#pragma warning disable CS0618 // the simplest public constructor; the exception's type is what the store looks at
                        var timeout = new RedisTimeoutException($"Timeout awaiting response ({targetMethod.Name}, simulated)", CommandStatus.Sent);
#pragma warning restore CS0618
                        return typeof(Task).GetMethod(nameof(Task.FromException), 1, [typeof(Exception)])!
                            .MakeGenericMethod(targetMethod.ReturnType.GetGenericArguments()[0])
                            .Invoke(null, [timeout]);
                    }
                }
            }

            try
            {
                return targetMethod.Invoke(_target, args);
            }
            catch (TargetInvocationException ex) when (ex.InnerException is not null)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(ex.InnerException).Throw();
                throw;
            }
        }
    }
}
