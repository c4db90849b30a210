using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using WorkBrain.Core.Hosting;
using WorkBrain.Web.Data;

namespace WorkBrain.Web.Accounts.Cli;

/// <summary><c>keys create EMAIL [--name NAME] | list [EMAIL] | revoke ID</c>: API keys from the server's command line.
/// <c>create</c> prints the new key alone on its last line, for scripts.</summary>
internal sealed class KeysCommand(IServiceProvider services, ApiKeyService keys, IDbContextFactory<WorkBrainDbContext> contexts) : ICliCommand
{
    public string Name => "keys";

    public string Usage => "keys create EMAIL [--name NAME] | list [EMAIL] | revoke ID";

    public async Task<int> RunAsync(IReadOnlyList<string> args, TextReader input, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var verb = args.Count > 0 ? args[0] : "";
        var valid = verb switch
        {
            "create" => args.Count >= 2 && CliSupport.TryGetValue(args, "--name", out _) && args.Count == (args.Contains("--name") ? 4 : 2),
            "list" => args.Count <= 2,
            "revoke" => args.Count == 2,
            _ => false,
        };
        if (!valid)
        {
            await error.WriteLineAsync($"Usage: {Usage}");
            return 2;
        }

        await CliSupport.EnsureDatabaseAsync(services, cancellationToken);
        return verb switch
        {
            "create" => await CreateAsync(args, output, error, cancellationToken),
            "list" => await ListAsync(args.Count == 2 ? args[1] : null, output, error, cancellationToken),
            _ => await RevokeAsync(args[1], output, error, cancellationToken),
        };
    }

    private async Task<int> CreateAsync(IReadOnlyList<string> args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        CliSupport.TryGetValue(args, "--name", out var name);
        var user = await FindUserAsync(args[1], error);
        if (user is null)
        {
            return 1;
        }

        var (info, key) = await keys.CreateAsync(user.Id, name ?? "command line", cancellationToken);
        await output.WriteLineAsync($"Created key {info.Id} \"{info.Name}\" for {user.Email}; it is shown only now:");
        await output.WriteLineAsync(key);
        return 0;
    }

    private async Task<int> ListAsync(string? email, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        string? userId = null;
        if (email is not null)
        {
            var user = await FindUserAsync(email, error);
            if (user is null)
            {
                return 1;
            }

            userId = user.Id;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.ApiKeys.AsNoTracking()
            .Where(k => userId == null || k.UserId == userId)
            .Join(db.Users, k => k.UserId, u => u.Id, (k, u) => new { k.Id, k.Name, k.Prefix, k.CreatedAt, k.LastUsedAt, u.Email })
            .ToListAsync(cancellationToken);
        await output.WriteLineAsync("id\temail\tname\tprefix\tcreated\tlast used");
        foreach (var k in rows.OrderBy(r => r.Email, StringComparer.OrdinalIgnoreCase).ThenBy(r => r.CreatedAt))
        {
            await output.WriteLineAsync(string.Join('\t', k.Id, k.Email, k.Name, k.Prefix + "…",
                k.CreatedAt.ToString("u", CultureInfo.InvariantCulture), k.LastUsedAt?.ToString("u", CultureInfo.InvariantCulture) ?? "never"));
        }

        return 0;
    }

    private async Task<int> RevokeAsync(string id, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await db.ApiKeys.Where(k => k.Id == id).ExecuteDeleteAsync(cancellationToken) == 0)
        {
            await error.WriteLineAsync($"No API key has the id {id} (see keys list).");
            return 1;
        }

        await output.WriteLineAsync($"Revoked key {id}.");
        return 0;
    }

    private async Task<IdentityUser?> FindUserAsync(string email, TextWriter error)
    {
        await using var scope = services.CreateAsyncScope();
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>().FindByEmailAsync(email.Trim());
        if (user is null)
        {
            await error.WriteLineAsync($"No account has the e-mail {email.Trim()}.");
        }

        return user;
    }
}
