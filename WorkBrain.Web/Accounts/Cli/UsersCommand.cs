using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using WorkBrain.Core.Hosting;

namespace WorkBrain.Web.Accounts.Cli;

/// <summary><c>users add EMAIL [--admin] [--password-stdin] | list | lock EMAIL | unlock EMAIL | reset-password EMAIL
/// [--password-stdin]</c>: account administration from the server's own command line, which also is the way back
/// when the only admin is locked out or has forgotten the password.</summary>
internal sealed class UsersCommand(IServiceProvider services) : ICliCommand
{
    public string Name => "users";

    public string Usage => "users add EMAIL [--admin] [--password-stdin] | list | lock EMAIL | unlock EMAIL | reset-password EMAIL [--password-stdin]";

    public async Task<int> RunAsync(IReadOnlyList<string> args, TextReader input, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var verb = args.Count > 0 ? args[0] : "";
        var needsEmail = verb is "add" or "lock" or "unlock" or "reset-password";
        if (!(needsEmail ? args.Count >= 2 && !args[1].StartsWith("--", StringComparison.Ordinal) : verb == "list"))
        {
            await error.WriteLineAsync($"Usage: {Usage}");
            return 2;
        }

        await CliSupport.EnsureDatabaseAsync(services, cancellationToken);
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        if (verb == "list")
        {
            return await ListAsync(users, output);
        }

        var email = args[1].Trim();
        if (verb == "add")
        {
            return await AddAsync(scope.ServiceProvider.GetRequiredService<AccountService>(), email, args, input, output, error);
        }

        var user = await users.FindByEmailAsync(email);
        if (user is null)
        {
            await error.WriteLineAsync($"No account has the e-mail {email}.");
            return 1;
        }

        return verb switch
        {
            "lock" => await LockAsync(users, user, output, error),
            "unlock" => await UnlockAsync(users, user, output, error),
            _ => await ResetPasswordAsync(users, user, args, input, output, error),
        };
    }

    private static async Task<int> AddAsync(AccountService accounts, string email, IReadOnlyList<string> args, TextReader input, TextWriter output, TextWriter error)
    {
        var fromStdin = args.Contains("--password-stdin");
        var password = fromStdin ? (await input.ReadLineAsync() ?? "") : CliSupport.GeneratePassword();
        var (user, errors) = await accounts.CreateAsync(email, password);
        if (user is null)
        {
            foreach (var e in errors)
            {
                await error.WriteLineAsync(e);
            }

            return 1;
        }

        var admin = args.Contains("--admin");
        if (admin)
        {
            await accounts.MakeAdminAsync(user);
        }

        await output.WriteLineAsync($"Created {user.Email}{(admin ? " (admin)" : "")}.");
        if (!fromStdin)
        {
            await output.WriteLineAsync("Its password, shown only now:");
            await output.WriteLineAsync(password);
        }

        return 0;
    }

    private static async Task<int> ListAsync(UserManager<IdentityUser> users, TextWriter output)
    {
        var admins = (await users.GetUsersInRoleAsync(AccountOptions.AdminRole)).Select(u => u.Id).ToHashSet(StringComparer.Ordinal);
        var all = await users.Users.AsNoTracking().ToListAsync();
        await output.WriteLineAsync("email\trole\tstate");
        foreach (var user in all.OrderBy(u => u.Email, StringComparer.OrdinalIgnoreCase))
        {
            var state = user.LockoutEnd is { } end && end > DateTimeOffset.UtcNow
                ? end.Year >= 9999 ? "locked" : "locked until " + end.ToString("u", CultureInfo.InvariantCulture)
                : "active";
            await output.WriteLineAsync($"{user.Email}\t{(admins.Contains(user.Id) ? "admin" : "user")}\t{state}");
        }

        return 0;
    }

    private static async Task<int> LockAsync(UserManager<IdentityUser> users, IdentityUser user, TextWriter output, TextWriter error)
    {
        var result = await users.SetLockoutEnabledAsync(user, true);
        result = result.Succeeded ? await users.SetLockoutEndDateAsync(user, DateTimeOffset.MaxValue) : result;
        // A new stamp ends the sessions already signed in.
        result = result.Succeeded ? await users.UpdateSecurityStampAsync(user) : result;
        return await ReportAsync(result, $"Locked {user.Email} until unlocked; its sessions are signed out.", output, error);
    }

    private static async Task<int> UnlockAsync(UserManager<IdentityUser> users, IdentityUser user, TextWriter output, TextWriter error)
    {
        var result = await users.SetLockoutEndDateAsync(user, null);
        result = result.Succeeded ? await users.ResetAccessFailedCountAsync(user) : result;
        return await ReportAsync(result, $"Unlocked {user.Email}.", output, error);
    }

    private static async Task<int> ResetPasswordAsync(
        UserManager<IdentityUser> users, IdentityUser user, IReadOnlyList<string> args, TextReader input, TextWriter output, TextWriter error)
    {
        var fromStdin = args.Contains("--password-stdin");
        var password = fromStdin ? (await input.ReadLineAsync() ?? "") : CliSupport.GeneratePassword();
        var token = await users.GeneratePasswordResetTokenAsync(user);
        var result = await users.ResetPasswordAsync(user, token, password);
        var code = await ReportAsync(result, $"New password set for {user.Email}; its sessions are signed out.", output, error);
        if (code == 0 && !fromStdin)
        {
            await output.WriteLineAsync("Its password, shown only now:");
            await output.WriteLineAsync(password);
        }

        return code;
    }

    private static async Task<int> ReportAsync(IdentityResult result, string done, TextWriter output, TextWriter error)
    {
        if (result.Succeeded)
        {
            await output.WriteLineAsync(done);
            return 0;
        }

        foreach (var e in result.Errors)
        {
            await error.WriteLineAsync(e.Description);
        }

        return 1;
    }
}
