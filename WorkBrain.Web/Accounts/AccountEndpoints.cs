using Microsoft.AspNetCore.Identity;

namespace WorkBrain.Web.Accounts;

internal static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        // A form post (with its antiforgery token) signs out; a link could be triggered by another site.
        app.MapPost("/account/logout", async (SignInManager<IdentityUser> signIn) =>
        {
            await signIn.SignOutAsync();
            return Results.LocalRedirect("~/account/login");
        });
        return app;
    }
}
