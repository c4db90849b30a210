using WorkBrain.Core.Files;
using WorkBrain.Web.Accounts;

namespace WorkBrain.Web.Files;

internal static class FileEndpoints
{
    /// <summary>/files/{id}: a stored file, to its owner only (signed in, or by API key); anyone else gets 404, as if it
    /// did not exist. Only raster images, audio and video are shown inline; everything else is a download
    /// (<see cref="UserFileHeaders"/>).</summary>
    public static IEndpointRouteBuilder MapFileEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/files/{id}", (string id, HttpContext context, IFileStore files, CurrentUser currentUser) =>
        {
            var file = files.Find(id, currentUser.IdOf(context.User));
            if (file is null)
            {
                return Results.NotFound();
            }

            UserFileHeaders.Apply(context.Response);
            return UserFileHeaders.IsSafeInline(file.ContentType)
                ? Results.File(file.Path, file.ContentType, enableRangeProcessing: true)
                : Results.File(file.Path, file.ContentType, fileDownloadName: file.Id, enableRangeProcessing: true);
        }).RequireAuthorization(ApiCallerPolicy.Name);
        return app;
    }
}
