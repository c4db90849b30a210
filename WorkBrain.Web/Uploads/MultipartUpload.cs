using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace WorkBrain.Web.Uploads;

/// <summary>Reads the file of a multipart upload as a stream, straight from the request (never the whole body in memory),
/// under the server's body limit for this endpoint (the largest per-kind upload limit plus the form's own overhead,
/// instead of Kestrel's 30,000,000-byte default). Anything too large is answered 413 with a JSON message.</summary>
internal static class MultipartUpload
{
    /// <summary>Room for the multipart boundaries and part headers around the file.</summary>
    private const long FormOverhead = 64 * 1024;

    public static async Task<IResult> ReadFileAsync(
        HttpRequest request, long maxFileBytes, string field,
        Func<string, string?, Stream, CancellationToken, Task<IResult>> handle, CancellationToken cancellationToken)
    {
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = maxFileBytes + FormOverhead;
        }

        if (request.ContentLength > maxFileBytes + FormOverhead)
        {
            return TooLarge($"The upload is too large: the limit is {UploadService.Megabytes(maxFileBytes)}.");
        }

        var boundary = request.HasFormContentType && MediaTypeHeaderValue.TryParse(request.ContentType, out var type)
            ? HeaderUtilities.RemoveQuotes(type.Boundary).Value
            : null;
        if (string.IsNullOrEmpty(boundary))
        {
            return Results.BadRequest(new { error = $"Send the file as multipart/form-data in a field named \"{field}\"." });
        }

        try
        {
            var reader = new MultipartReader(boundary, request.Body);
            while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
            {
                if (ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                    && disposition.IsFileDisposition()
                    && string.Equals(HeaderUtilities.RemoveQuotes(disposition.Name).Value, field, StringComparison.Ordinal))
                {
                    var fileName = HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value ?? "upload";
                    return await handle(fileName, section.ContentType, section.Body, cancellationToken);
                }
            }
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TooLarge($"The upload is too large: the limit is {UploadService.Megabytes(maxFileBytes)}.");
        }
        catch (UploadRejectedException ex) when (ex.TooLarge)
        {
            return TooLarge(ex.Message);
        }
        catch (UploadRejectedException ex)
        {
            return Results.BadRequest(new { error = ex.Message });
        }
        catch (InvalidDataException ex)
        {
            return Results.BadRequest(new { error = $"The form could not be read: {ex.Message}" });
        }

        return Results.BadRequest(new { error = $"Send the file in a form field named \"{field}\"." });
    }

    public static IResult TooLarge(string message) => Results.Json(new { error = message }, statusCode: StatusCodes.Status413PayloadTooLarge);
}
