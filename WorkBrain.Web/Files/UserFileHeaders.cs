namespace WorkBrain.Web.Files;

/// <summary>How a user's file may be shown by a browser: only raster images, audio and video inline; anything else
/// (SVG, HTML, PDF, text, …) is a download. Every user file gets nosniff and a sandboxing CSP, so even a file whose type
/// is wrong can never run script at the app's origin.</summary>
internal static class UserFileHeaders
{
    public const string ContentSecurityPolicy = "default-src 'none'; sandbox";

    private static readonly HashSet<string> InlineImages = new(StringComparer.OrdinalIgnoreCase)
    {
        "image/png", "image/jpeg", "image/gif", "image/webp",
    };

    public static bool IsSafeInline(string contentType)
    {
        var type = contentType.Split(';')[0].Trim();
        return InlineImages.Contains(type)
               || type.StartsWith("audio/", StringComparison.OrdinalIgnoreCase)
               || type.StartsWith("video/", StringComparison.OrdinalIgnoreCase);
    }

    public static void Apply(HttpResponse response)
    {
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
    }
}
