using WorkBrain.Core.Experts;

namespace WorkBrain.Core.Engines;

/// <summary>What an expert asks for: the engine configured for the capability <typeparamref name="TClient"/> serves
/// (<c>IChatClient</c> → Text, …), chosen by <see cref="EngineRegistry"/>'s one rule.</summary>
public sealed class SelectedEngine<TClient>(EngineRegistry registry) where TClient : class
{
    public string Capability { get; } = EngineCapability.Of<TClient>();

    /// <summary>The chosen engine, or null when the capability has none.</summary>
    public IEngine<TClient>? Current => registry.Selected<TClient>();

    /// <summary>True when the chosen engine can answer now or load on first use.</summary>
    public bool IsAvailable => Current?.GetStatus().IsAvailable == true;

    public ExpertStatus GetStatus() => registry.Selected(Capability)?.GetStatus() ?? new ExpertStatus(
        EngineCapability.ExpertOf(Capability), ExpertState.NotConfigured, "none", "", registry.NotConfiguredDetail(Capability));

    /// <summary>The client (loading the model first), or null when the engine has nothing to offer.</summary>
    public async ValueTask<TClient?> GetClientAsync(CancellationToken cancellationToken = default) =>
        Current is { } engine ? await registry.GetClientAsync(engine, cancellationToken).ConfigureAwait(false) : null;

    /// <summary>The client, or an <see cref="ExpertException"/> that says what to configure.</summary>
    public async ValueTask<TClient> GetRequiredClientAsync(CancellationToken cancellationToken = default) =>
        await GetClientAsync(cancellationToken).ConfigureAwait(false) ?? throw new ExpertException(GetStatus().Detail);
}
