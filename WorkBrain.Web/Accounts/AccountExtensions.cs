using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;
using WorkBrain.Core.Hosting;
using WorkBrain.Web.Accounts.Cli;
using WorkBrain.Web.Data;

namespace WorkBrain.Web.Accounts;

internal static class AccountExtensions
{
    /// <summary>ASP.NET Core Identity on the app's database, cookie sign-in, the admin policy, and — unless
    /// Accounts:RequireLogin is false — a fallback policy that makes every endpoint need a signed-in user.</summary>
    public static IHostApplicationBuilder AddAccounts(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<AccountOptions>().BindConfiguration(AccountOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        var options = builder.Configuration.GetSection(AccountOptions.Section).Get<AccountOptions>() ?? new AccountOptions();

        services.AddLocalization();
        services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies(cookies =>
            cookies.ApplicationCookie?.Configure(c =>
            {
                c.LoginPath = "/account/login";
                c.AccessDeniedPath = "/account/denied";
                c.Cookie.HttpOnly = true;
                c.Cookie.SameSite = SameSiteMode.Lax;
                c.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            }));
        services.AddIdentityCore<IdentityUser>(o =>
            {
                o.User.RequireUniqueEmail = true;
                o.Password.RequiredLength = 8;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false; // PasswordStrengthValidator judges strength, in any script
                o.Lockout.MaxFailedAccessAttempts = options.MaxFailedSignIns;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(options.LockoutMinutes);
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<WorkBrainDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders()
            .AddPasswordValidator<PasswordStrengthValidator>();

        // The cookie is checked against the user's security stamp on every request, so signing out (which changes the
        // stamp), a password reset or a lock from the command line ends every copy of the old cookie at once.
        services.TryAddScoped<ISecurityStampValidator, SecurityStampValidator<IdentityUser>>();
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromSeconds(options.SecurityStampCheckSeconds));
        services.AddAntiforgery(o => o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);

        services.AddSingleton<IAuthorizationHandler, AdminRequirementHandler>();
        var authorization = services.AddAuthorizationBuilder()
            .AddPolicy(AdminRequirement.Policy, p => p.AddRequirements(new AdminRequirement()));
        if (options.RequireLogin)
        {
            authorization.SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        }

        services.AddScoped<AccountService>();
        services.AddSingleton<ICliCommand, UsersCommand>();
        services.AddSingleton<ICliCommand, KeysCommand>();
        services.AddSingleton<CurrentUser>();
        return builder;
    }
}
