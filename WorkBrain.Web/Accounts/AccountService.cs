using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace WorkBrain.Web.Accounts;

/// <summary>Registration rules: the first account, or the one named in configuration, becomes admin.</summary>
public sealed class AccountService(UserManager<IdentityUser> users, RoleManager<IdentityRole> roles, IOptions<AccountOptions> options)
{
    public async Task<(IdentityUser? User, IReadOnlyList<string> Errors)> RegisterAsync(string email, string password)
    {
        var first = !users.Users.Any();
        if (!first && !options.Value.AllowRegistration)
        {
            return (null, ["Registration is closed: ask an admin for an account."]);
        }

        var user = new IdentityUser { UserName = email.Trim(), Email = email.Trim() };
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            return (null, created.Errors.Select(e => e.Description).ToList());
        }

        if (first || string.Equals(options.Value.AdminEmail, user.Email, StringComparison.OrdinalIgnoreCase))
        {
            if (!await roles.RoleExistsAsync(AccountOptions.AdminRole))
            {
                await roles.CreateAsync(new IdentityRole(AccountOptions.AdminRole));
            }

            await users.AddToRoleAsync(user, AccountOptions.AdminRole);
        }

        return (user, []);
    }
}
