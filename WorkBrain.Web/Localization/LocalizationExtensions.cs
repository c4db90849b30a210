using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;

namespace WorkBrain.Web.Localization;

public static class LocalizationExtensions
{
    /// <summary>English and Chinese: chosen from the culture cookie, else the browser's Accept-Language, else English.</summary>
    public static IHostApplicationBuilder AddWebLocalization(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddLocalization();
        services.Configure<RequestLocalizationOptions>(o =>
        {
            var cultures = UiCultures.All.Select(c => new CultureInfo(c)).ToList();
            o.DefaultRequestCulture = new RequestCulture(UiCultures.English);
            o.SupportedCultures = cultures;
            o.SupportedUICultures = cultures;
            o.FallBackToParentCultures = true;
            o.FallBackToParentUICultures = true;
            o.RequestCultureProviders =
            [
                new CookieRequestCultureProvider(),
                new AcceptLanguageHeaderRequestCultureProvider { MaximumAcceptLanguageHeaderValuesToTry = 5 },
            ];
        });
        services.AddScoped<IdentityErrorDescriber, LocalizedIdentityErrorDescriber>();
        services.AddScoped<BrowserTimeZone>();
        return builder;
    }

    public static WebApplication UseWebLocalization(this WebApplication app)
    {
        app.UseRequestLocalization();
        return app;
    }

    /// <summary>The language switch: remembers the choice in the culture cookie for a year and goes back to the page.</summary>
    public static IEndpointRouteBuilder MapCultureEndpoint(this IEndpointRouteBuilder app)
    {
        app.MapGet("/culture/set", (HttpContext context, string? culture, string? redirectUri) =>
        {
            if (UiCultures.Normalize(culture) is { } name)
            {
                context.Response.Cookies.Append(
                    CookieRequestCultureProvider.DefaultCookieName,
                    CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(name)),
                    new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, SameSite = SameSiteMode.Lax, HttpOnly = true });
            }

            return Results.LocalRedirect(LocalPath(redirectUri));
        }).AllowAnonymous();
        return app;
    }

    /// <summary>Only a path on this site: never redirect where a query string says.</summary>
    internal static string LocalPath(string? url)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            return "~/";
        }

        var path = url.StartsWith('/') ? url : "/" + url;
        return path.StartsWith("//", StringComparison.Ordinal) || path.StartsWith("/\\", StringComparison.Ordinal) || path.Contains("://", StringComparison.Ordinal)
            ? "~/"
            : "~" + path;
    }
}
