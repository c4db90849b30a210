using Microsoft.Extensions.Options;
using WorkBrain.Web.Accounts;

namespace WorkBrain.Web.Uploads;

internal static class UploadEndpoints
{
    public const string UploadHeader = "X-WorkBrain-Upload";

    /// <summary>POST /api/uploads (multipart, field "file"): the browser recorder and API clients (cookie or API key)
    /// upload here. A custom header is required instead of a form token: browsers cannot send it cross-site without a
    /// preflight. Files up to the largest per-kind limit are accepted; over it, 413 with a JSON message.</summary>
    public static IEndpointRouteBuilder MapUploadEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/uploads", async (HttpRequest request, UploadService uploads, CurrentUser currentUser, IOptions<UploadOptions> options, CancellationToken ct) =>
        {
            if (!request.Headers.ContainsKey(UploadHeader))
            {
                return Results.BadRequest(new { error = $"Missing the {UploadHeader} header." });
            }

            var userId = currentUser.IdOf(request.HttpContext.User);
            return await MultipartUpload.ReadFileAsync(request, options.Value.MaxAnyBytes, "file", async (name, type, stream, token) =>
            {
                var attachment = await uploads.SaveAsync(userId, name, type, stream, token);
                return Results.Ok(new { attachment.FileName, attachment.ContentType, kind = attachment.Kind.ToString().ToLowerInvariant(), attachment.FileId, attachment.Length, attachment.Url });
            }, ct);
        }).DisableAntiforgery().RequireAuthorization(ApiCallerPolicy.Name).RequireRateLimiting(Api.OpenAiEndpoints.RateLimit);
        return app;
    }
}
