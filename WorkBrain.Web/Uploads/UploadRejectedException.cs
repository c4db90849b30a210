namespace WorkBrain.Web.Uploads;

/// <summary>An upload that is refused, with a message for the user (too large, wrong type, empty).</summary>
public sealed class UploadRejectedException(string message) : Exception(message);
