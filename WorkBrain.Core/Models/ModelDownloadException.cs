namespace WorkBrain.Core.Models;

/// <summary>A model could not be downloaded; the message says why in words a user can act on.</summary>
public sealed class ModelDownloadException : Exception
{
    public ModelDownloadException(string message)
        : base(message)
    {
    }

    public ModelDownloadException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
