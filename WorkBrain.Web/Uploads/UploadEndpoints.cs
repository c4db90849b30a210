using WorkBrain.Web.Accounts;

namespace WorkBrain.Web.Uploads;

internal static class UploadEndpoints
{
    public const string UploadHeader = "X-WorkBrain-Upload";

    /// <summary>POST /api/uploads (multipart, field "file"): the browser recorder and API clients upload here.
    /// A custom header is required instead of a form token: browsers cannot send it cross-site without a preflight.</summary>
    public static IEndpointRouteBuilder MapUploadEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/uploads", async (HttpRequest request, UploadService uploads, CurrentUser currentUser, CancellationToken ct) =>
        {
            if (!request.Headers.ContainsKey(UploadHeader))
            {
                return Results.BadRequest(new { error = $"Missing the {UploadHeader} header." });
            }

            if (!request.HasFormContentType)
            {
                return Results.BadRequest(new { error = "Send the file as multipart/form-data in a field named \"file\"." });
            }

            var form = await request.ReadFormAsync(ct);
            var file = form.Files.GetFile("file");
            if (file is null)
            {
                return Results.BadRequest(new { error = "Send the file in a form field named \"file\"." });
            }

            try
            {
                await using var stream = file.OpenReadStream();
                var attachment = await uploads.SaveAsync(currentUser.IdOf(request.HttpContext.User), file.FileName, file.ContentType, stream, ct);
                return Results.Ok(new { attachment.FileName, attachment.ContentType, kind = attachment.Kind.ToString().ToLowerInvariant(), attachment.FileId, attachment.Length, attachment.Url });
            }
            catch (UploadRejectedException ex)
            {
                return Results.BadRequest(new { error = ex.Message });
            }
        }).DisableAntiforgery().RequireRateLimiting(Api.OpenAiEndpoints.RateLimit);
        return app;
    }
}
