using System.Collections.Concurrent;

namespace WorkBrain.Core.Engines.Pooled;

/// <summary>Every pool of remote engines in the process, by capability, for /admin.</summary>
public sealed class EnginePoolRegistry
{
    private readonly ConcurrentDictionary<string, PooledChatClient> _pools = new(StringComparer.Ordinal);

    public void Register(string capability, PooledChatClient pool) => _pools[capability] = pool;

    public IReadOnlyList<EngineMemberStatus> Snapshot() =>
        _pools.OrderBy(p => p.Key, StringComparer.Ordinal).SelectMany(p => p.Value.Statuses()).ToList();
}
