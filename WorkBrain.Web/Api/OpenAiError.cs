namespace WorkBrain.Web.Api;

/// <summary>Errors in the shape OpenAI clients understand.</summary>
internal static class OpenAiError
{
    public static IResult Result(int status, string message, string type = "invalid_request_error", string? code = null) =>
        Results.Json(new { error = new { message, type, code } }, statusCode: status);
}
