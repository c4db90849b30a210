using Microsoft.AspNetCore.Authentication;
using WorkBrain.Core.Files;
using WorkBrain.Web.Accounts;

namespace WorkBrain.Web.Files;

internal static class FileEndpoints
{
    /// <summary>/files/{id}: a stored file, to its owner only; anyone else gets 404, as if it did not exist.</summary>
    public static IEndpointRouteBuilder MapFileEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/files/{id}", async (string id, HttpContext context, IFileStore files, CurrentUser currentUser) =>
        {
            // API clients fetch the files they generated with their key; a wrong key finds nothing.
            var user = context.User;
            if (context.Request.Headers.Authorization.Count > 0)
            {
                user = (await context.AuthenticateAsync(ApiKeyAuthenticationHandler.SchemeName)).Principal;
                if (user is null)
                {
                    return Results.NotFound();
                }
            }

            var file = files.Find(id, currentUser.IdOf(user));
            return file is null
                ? Results.NotFound()
                : Results.File(file.Path, file.ContentType, enableRangeProcessing: true);
        });
        return app;
    }
}
