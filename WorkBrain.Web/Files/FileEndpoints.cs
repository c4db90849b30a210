using WorkBrain.Core.Files;
using WorkBrain.Web.Accounts;

namespace WorkBrain.Web.Files;

internal static class FileEndpoints
{
    /// <summary>/files/{id}: a stored file, to its owner only; anyone else gets 404, as if it did not exist.</summary>
    public static IEndpointRouteBuilder MapFileEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/files/{id}", (string id, HttpContext context, IFileStore files, CurrentUser currentUser) =>
        {
            var file = files.Find(id, currentUser.IdOf(context.User));
            return file is null
                ? Results.NotFound()
                : Results.File(file.Path, file.ContentType, enableRangeProcessing: true);
        });
        return app;
    }
}
