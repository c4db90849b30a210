using StackExchange.Redis;
using WorkBrain.Web.Conversations.Live;

namespace WorkBrain.Web.Scale;

/// <summary>Stop requests over Redis pub/sub: every replica hears them, the one running the answer stops it.</summary>
internal sealed class RedisAnswerStopBus(IConnectionMultiplexer redis, RedisOptions options) : IAnswerStopBus
{
    private readonly RedisChannel _channel = RedisChannel.Literal(options.KeyPrefix + "stop");

    public Task RequestStopAsync(string messageId) => redis.GetSubscriber().PublishAsync(_channel, messageId);

    public IDisposable Subscribe(Action<string> onStop)
    {
        ArgumentNullException.ThrowIfNull(onStop);
        var subscriber = redis.GetSubscriber();
        Action<RedisChannel, RedisValue> handler = (_, messageId) => onStop(messageId.ToString());
        subscriber.Subscribe(_channel, handler);
        return new Subscription(() => subscriber.Unsubscribe(_channel, handler));
    }

    private sealed class Subscription(Action unsubscribe) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                unsubscribe();
            }
        }
    }
}
