using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using StackExchange.Redis;
using WorkBrain.Core.Documents;
using WorkBrain.Web.RateLimiting;
using WorkBrain.Web.Conversations.Live;

namespace WorkBrain.Web.Scale;

public static class ScaleExtensions
{
    /// <summary>What web replicas share. Without <c>Redis:Connection</c>: live answers, stop requests, document progress and
    /// rate limits in this process (one replica). With it: Redis Streams for live answers, pub/sub for stop requests and
    /// document changes (with the progress of documents being indexed), counters for rate limits, the SignalR backplane and
    /// the Data Protection key ring, so any replica serves any user.</summary>
    public static IHostApplicationBuilder AddScale(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var redis = builder.Configuration.GetSection(RedisOptions.Section).Get<RedisOptions>() ?? new RedisOptions();
        services.AddOptions<RedisOptions>().BindConfiguration(RedisOptions.Section);
        services.TryAddSingleton(TimeProvider.System);
        if (!redis.Enabled)
        {
            services.TryAddSingleton<ILiveAnswerStore, InMemoryLiveAnswerStore>();
            services.TryAddSingleton<IAnswerStopBus, InMemoryAnswerStopBus>();
            return builder;
        }

        // One multiplexer for the process, connected on first use; it reconnects by itself after a drop.
        var configuration = ConfigurationOptions.Parse(redis.Connection!);
        configuration.AbortOnConnectFail = false;
        var connection = new Lazy<IConnectionMultiplexer>(() => ConnectionMultiplexer.Connect(configuration));
        services.AddSingleton(_ => connection.Value);
        services.AddSingleton(redis);
        services.AddSingleton<ILiveAnswerStore, RedisLiveAnswerStore>();
        services.AddSingleton<IAnswerStopBus, RedisAnswerStopBus>();
        services.AddSingleton<IUserRateLimiter, RedisUserRateLimiter>();
        services.AddSingleton<IDocumentChangeFeed, RedisDocumentChangeFeed>();
        // The backplane connects on its own: each hub's lifetime manager disposes the connection it was given (and first
        // unsubscribes everything on it) when the host stops, which would close the container's multiplexer under the
        // live answers, stop bus and document feed still being disposed after it.
        services.AddSignalR().AddStackExchangeRedis(o =>
        {
            o.Configuration = configuration.Clone();
            o.Configuration.ChannelPrefix = RedisChannel.Literal(redis.KeyPrefix + "signalr:");
        });
        services.AddDataProtection()
            .SetApplicationName("WorkBrain")
            .PersistKeysToStackExchangeRedis(() => connection.Value.GetDatabase(), redis.KeyPrefix + "data-protection-keys");
        return builder;
    }
}
