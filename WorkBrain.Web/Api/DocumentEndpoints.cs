using Microsoft.Extensions.Options;
using WorkBrain.Core.Documents;
using WorkBrain.Core.Documents.Storage;
using WorkBrain.Core.Turns;
using WorkBrain.Web.Accounts;
using WorkBrain.Web.Uploads;

namespace WorkBrain.Web.Api;

/// <summary>The caller's document library over HTTP, with a cookie or an API key:
/// <c>POST /api/documents</c> (multipart, field "file") adds a document and answers its id and status;
/// <c>GET /api/documents/{id}</c> answers its status: queued, indexing (with progress), ready, or failed with the reason.
/// Another user's id is 404.</summary>
internal static class DocumentEndpoints
{
    public static IEndpointRouteBuilder MapDocumentEndpoints(this IEndpointRouteBuilder app)
    {
        var documents = app.MapGroup("/api/documents").RequireAuthorization(ApiCallerPolicy.Name).DisableAntiforgery();
        documents.MapPost("", AddAsync).RequireRateLimiting(OpenAiEndpoints.RateLimit);
        documents.MapGet("/{id}", GetAsync);
        return app;
    }

    private static async Task<IResult> AddAsync(HttpRequest request, UploadService uploads, DocumentLibrary library, IOptions<UploadOptions> options, CurrentUser currentUser, CancellationToken ct)
    {
        var userId = currentUser.IdOf(request.HttpContext.User);
        return await MultipartUpload.ReadFileAsync(request, options.Value.MaxDocumentBytes, "file", async (name, type, stream, token) =>
        {
            // Sniffed and size-checked like every upload, then handed to the library, which indexes it in the background.
            var upload = await uploads.SaveAsync(userId, name, type, stream, token);
            if (upload.Kind != AttachmentKind.Document)
            {
                return Results.BadRequest(new { error = $"{upload.FileName} is not a document: send PDF, DOCX, XLSX, PPTX, TXT, MD or CSV." });
            }

            try
            {
                await using var content = File.OpenRead(upload.StoredPath);
                var document = await library.AddAsync(userId, upload.FileName, content, token);
                return Results.Json(View(document), statusCode: StatusCodes.Status201Created);
            }
            catch (DocumentException ex)
            {
                return Results.BadRequest(new { error = ex.Message });
            }
        }, ct);
    }

    private static async Task<IResult> GetAsync(string id, HttpContext context, DocumentLibrary library, CurrentUser currentUser, CancellationToken ct)
    {
        var document = await library.GetAsync(currentUser.IdOf(context.User), id, ct);
        return document is null
            ? Results.NotFound(new { error = "No such document." })
            : Results.Json(View(document));
    }

    private static object View(DocumentInfo d) => new
    {
        id = d.Id,
        name = d.FileName,
        contentType = d.ContentType,
        status = d.Status.ToString().ToLowerInvariant(),
        progress = d.Status == DocumentStatus.Ready ? 1.0 : d.Progress,
        reason = d.Status == DocumentStatus.Failed ? d.Message : null,
        pages = d.Pages,
        chunks = d.Chunks,
        createdAt = d.CreatedAt,
    };
}
