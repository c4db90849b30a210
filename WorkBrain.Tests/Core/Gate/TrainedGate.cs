using Microsoft.Extensions.Options;
using WorkBrain.Core.Gate;
using WorkBrain.Tests.Support;

namespace WorkBrain.Tests.Core.Gate;

/// <summary>The committed gate (models/gate/gate.json) with options each test can change.</summary>
public sealed class TrainedGate : IDisposable
{
    public TrainedGate()
    {
        Options = new MutableOptions<GateOptions>(new GateOptions());
        Gate = OnnxGate.Load(Path.Combine(TestModels.RepositoryRoot, "models", "gate", "gate.json"), Options);
    }

    public OnnxGate Gate { get; }

    public MutableOptions<GateOptions> Options { get; }

    public void Dispose() => Gate.Dispose();
}

/// <summary>An options monitor whose value a test sets.</summary>
public sealed class MutableOptions<T>(T value) : IOptionsMonitor<T>
{
    public T CurrentValue { get; set; } = value;

    public T Get(string? name) => CurrentValue;

    public IDisposable? OnChange(Action<T, string?> listener) => null;
}
