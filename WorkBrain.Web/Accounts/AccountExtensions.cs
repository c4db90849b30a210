using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using WorkBrain.Web.Data;

namespace WorkBrain.Web.Accounts;

internal static class AccountExtensions
{
    /// <summary>ASP.NET Core Identity on the app's database, cookie sign-in, the admin policy, and — unless
    /// Accounts:RequireLogin is false — a fallback policy that makes every endpoint need a signed-in user.</summary>
    public static IHostApplicationBuilder AddAccounts(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<AccountOptions>().BindConfiguration(AccountOptions.Section);
        var options = builder.Configuration.GetSection(AccountOptions.Section).Get<AccountOptions>() ?? new AccountOptions();

        services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies(cookies =>
            cookies.ApplicationCookie?.Configure(c =>
            {
                c.LoginPath = "/account/login";
                c.AccessDeniedPath = "/account/denied";
            }));
        services.AddIdentityCore<IdentityUser>(o =>
            {
                o.User.RequireUniqueEmail = true;
                o.Password.RequiredLength = 8;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireDigit = false;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<WorkBrainDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders();

        services.AddSingleton<IAuthorizationHandler, AdminRequirementHandler>();
        var authorization = services.AddAuthorizationBuilder()
            .AddPolicy(AdminRequirement.Policy, p => p.AddRequirements(new AdminRequirement()));
        if (options.RequireLogin)
        {
            authorization.SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        }

        services.AddScoped<AccountService>();
        services.AddSingleton<CurrentUser>();
        return builder;
    }
}
