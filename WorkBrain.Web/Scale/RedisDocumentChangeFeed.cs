using System.Globalization;
using System.Text.Json;
using StackExchange.Redis;
using WorkBrain.Core.Documents;
using WorkBrain.Core.Documents.Storage;

namespace WorkBrain.Web.Scale;

/// <summary>
/// Document changes over Redis pub/sub, and the progress of documents being indexed in Redis keys, so a page or a waiter
/// on any replica follows a document another replica indexes (the one whose claim on it is live). A change is heard here at
/// once and by the other replicas through the channel; each message names the feed that sent it, which ignores its own.
/// A progress key lives a while after its last report, so one left by a replica that died goes away by itself.
/// </summary>
internal sealed partial class RedisDocumentChangeFeed : IDocumentChangeFeed, IDisposable
{
    private static readonly TimeSpan ProgressLifetime = TimeSpan.FromMinutes(10);
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly IConnectionMultiplexer _redis;
    private readonly string _prefix;
    private readonly RedisChannel _channel;
    private readonly Action<RedisChannel, RedisValue> _onMessage;
    private readonly DocumentChangeSubscribers _subscribers = new();
    private readonly ILogger<RedisDocumentChangeFeed> _logger;

    /// <summary>This feed's id in the messages it sends.</summary>
    private readonly string _origin = Guid.NewGuid().ToString("N");

    public RedisDocumentChangeFeed(IConnectionMultiplexer redis, RedisOptions options, ILogger<RedisDocumentChangeFeed> logger)
    {
        _redis = redis;
        _prefix = options.KeyPrefix;
        _logger = logger;
        _channel = RedisChannel.Literal(_prefix + "documents");
        _onMessage = (_, message) => Receive(message);
        _redis.GetSubscriber().Subscribe(_channel, _onMessage);
    }

    public async Task PublishAsync(DocumentInfo document, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(document);
        _subscribers.Raise(document);
        var db = _redis.GetDatabase();
        var key = ProgressKey(document.Id);
        if (document.Status == DocumentStatus.Indexing)
        {
            await db.StringSetAsync(key, document.Progress.ToString("R", CultureInfo.InvariantCulture), ProgressLifetime);
        }
        else
        {
            await db.KeyDeleteAsync(key);
        }

        await db.PublishAsync(_channel, JsonSerializer.Serialize(new Change(_origin, document), Json));
    }

    public async Task<double?> FindProgressAsync(string documentId, CancellationToken cancellationToken = default)
    {
        var value = await _redis.GetDatabase().StringGetAsync(ProgressKey(documentId));
        return value.HasValue && double.TryParse(value.ToString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var progress) ? progress : null;
    }

    public IDisposable Subscribe(Action<DocumentInfo> onChange) => _subscribers.Add(onChange);

    private void Receive(RedisValue message)
    {
        try
        {
            if (JsonSerializer.Deserialize<Change>(message.ToString(), Json) is { Document: { } document } change && change.Origin != _origin)
            {
                _subscribers.Raise(document);
            }
        }
        catch (JsonException ex)
        {
            LogUnreadable(_logger, ex);
        }
    }

    private RedisKey ProgressKey(string documentId) => _prefix + "document-progress:" + documentId;

    /// <summary>Stops listening with this feed's own handler only.</summary>
    public void Dispose() => _redis.GetSubscriber().Unsubscribe(_channel, _onMessage);

    private sealed record Change(string Origin, DocumentInfo Document);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A document change from Redis could not be read")]
    private static partial void LogUnreadable(ILogger logger, Exception exception);
}
