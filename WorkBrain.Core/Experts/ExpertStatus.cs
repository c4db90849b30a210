namespace WorkBrain.Core.Experts;

public enum ExpertState
{
    NotConfigured,
    NotDownloaded,
    Downloading,
    Loading,
    Ready,
    Failed,
}

/// <summary>The state of an expert or model as the dashboard and the chat show it.</summary>
/// <param name="Backend">"local ONNX", "remote server", "built-in", …</param>
/// <param name="Device">"CPU", "GPU (CUDA)" or empty when it does not apply.</param>
/// <param name="Detail">What it needs or why it failed, in words a user can act on.</param>
/// <param name="MemoryBytes">Memory its loaded model holds, where known.</param>
/// <param name="QueueDepth">Requests waiting for it, where known.</param>
public sealed record ExpertStatus(
    string ExpertId,
    ExpertState State,
    string Backend,
    string Device,
    string Detail,
    string? Model = null,
    double? Progress = null,
    long? MemoryBytes = null,
    int? QueueDepth = null)
{
    public bool IsAvailable => State == ExpertState.Ready;
}
