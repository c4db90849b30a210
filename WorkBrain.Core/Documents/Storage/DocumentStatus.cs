namespace WorkBrain.Core.Documents.Storage;

public enum DocumentStatus
{
    Queued,
    Indexing,
    Ready,
    Failed,
}
