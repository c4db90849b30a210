using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;

namespace WorkBrain.Web.Accounts;

internal static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        // A form post with its antiforgery token signs out (another site cannot sign the user out); the security stamp
        // changes, so a copy of the cookie kept by anyone stops working too.
        app.MapPost("/account/logout", async (HttpContext context, IAntiforgery antiforgery, SignInManager<IdentityUser> signIn) =>
        {
            if (!await antiforgery.IsRequestValidAsync(context))
            {
                return Results.BadRequest("The sign-out form has expired: reload the page and sign out again.");
            }

            if (context.User.Identity?.IsAuthenticated == true && await signIn.UserManager.GetUserAsync(context.User) is { } user)
            {
                await signIn.UserManager.UpdateSecurityStampAsync(user);
            }

            await signIn.SignOutAsync();
            return Results.LocalRedirect("~/account/login");
        }).AllowAnonymous();
        return app;
    }
}
