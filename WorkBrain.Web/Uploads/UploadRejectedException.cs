namespace WorkBrain.Web.Uploads;

/// <summary>An upload that is refused, with a message for the user (too large, wrong type, empty).
/// <paramref name="TooLarge"/> marks a file over its size limit (answered 413).</summary>
public sealed class UploadRejectedException(string message, bool tooLarge = false) : Exception(message)
{
    public bool TooLarge { get; } = tooLarge;
}
