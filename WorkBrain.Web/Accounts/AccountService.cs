using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using WorkBrain.Web.Data;

namespace WorkBrain.Web.Accounts;

/// <summary>Registration rules: the first account, or the one named in configuration, becomes admin. "First" is
/// decided by the database: of several accounts registering at once on an empty install, only the one whose insert
/// of the admin role succeeds (the role name is unique) becomes admin.</summary>
public sealed class AccountService(
    UserManager<IdentityUser> users,
    IDbContextFactory<WorkBrainDbContext> contexts,
    IOptions<AccountOptions> options,
    IStringLocalizer<WorkBrain.Web.Localization.Strings> text)
{
    public async Task<(IdentityUser? User, IReadOnlyList<string> Errors)> RegisterAsync(string email, string password)
    {
        var first = !await users.Users.AnyAsync();
        if (!first && !options.Value.AllowRegistration)
        {
            return (null, [text["Account.RegistrationClosed"]]);
        }

        var (user, errors) = await CreateAsync(email, password);
        if (user is null)
        {
            return (null, errors);
        }

        var admin = first && await TryClaimFirstAdminAsync();
        if (first && !admin && !options.Value.AllowRegistration)
        {
            // Another account registered at the same moment and became the first: registration is closed for this one.
            await users.DeleteAsync(user);
            return (null, [text["Account.RegistrationClosed"]]);
        }

        if (admin || string.Equals(options.Value.AdminEmail, user.Email, StringComparison.OrdinalIgnoreCase))
        {
            await MakeAdminAsync(user);
        }

        return (user, []);
    }

    /// <summary>Creates an account (the command line's <c>users add</c>); registration rules do not apply.</summary>
    public async Task<(IdentityUser? User, IReadOnlyList<string> Errors)> CreateAsync(string email, string password)
    {
        var clean = (email ?? "").Trim();
        var user = new IdentityUser { UserName = clean, Email = clean };
        // The password is checked first, so that a weak password never tells whether the e-mail is taken.
        var errors = new List<string>();
        foreach (var validator in users.PasswordValidators)
        {
            var result = await validator.ValidateAsync(users, user, password);
            errors.AddRange(result.Errors.Select(e => e.Description));
        }

        if (errors.Count > 0)
        {
            return (null, errors.Distinct().ToList());
        }

        var created = await users.CreateAsync(user, password);
        if (created.Succeeded)
        {
            return (user, []);
        }

        // Never "this e-mail is already taken": that would tell anyone which e-mails have accounts.
        var taken = created.Errors.Any(e => e.Code is nameof(IdentityErrorDescriber.DuplicateEmail) or nameof(IdentityErrorDescriber.DuplicateUserName));
        return (null, taken
            ? [text["This e-mail and password cannot be used to register. If you already have an account, sign in; an admin can reset a forgotten password."]]
            : created.Errors.Select(e => e.Description).Distinct().ToList());
    }

    public async Task MakeAdminAsync(IdentityUser user)
    {
        await TryClaimFirstAdminAsync();
        if (!await users.IsInRoleAsync(user, AccountOptions.AdminRole))
        {
            await users.AddToRoleAsync(user, AccountOptions.AdminRole);
        }
    }

    /// <summary>Inserts the admin role; true only for the caller whose insert created it.</summary>
    private async Task<bool> TryClaimFirstAdminAsync()
    {
        await using var db = await contexts.CreateDbContextAsync();
        var normalized = users.NormalizeName(AccountOptions.AdminRole);
        if (await db.Roles.AnyAsync(r => r.NormalizedName == normalized))
        {
            return false;
        }

        db.Roles.Add(new IdentityRole(AccountOptions.AdminRole) { NormalizedName = normalized });
        try
        {
            await db.SaveChangesAsync();
            return true;
        }
        catch (DbUpdateException)
        {
            return false;
        }
    }
}
