using System.Security.Cryptography;
using WorkBrain.Web.Data;

namespace WorkBrain.Web.Accounts.Cli;

internal static class CliSupport
{
    /// <summary>A command runs before the web host starts: bring the database up to date the way the server would.</summary>
    public static Task EnsureDatabaseAsync(IServiceProvider services, CancellationToken cancellationToken) =>
        services.GetRequiredService<WorkBrainDbContextFactory>().EnsureReadyAsync(cancellationToken);

    /// <summary>20 random characters from an alphabet without look-alikes (about 110 bits).</summary>
    public static string GeneratePassword()
    {
        const string alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        return RandomNumberGenerator.GetString(alphabet, 20);
    }

    /// <summary>The value after <paramref name="name"/> (e.g. --name NAME), or null; false when it is missing.</summary>
    public static bool TryGetValue(IReadOnlyList<string> args, string name, out string? value)
    {
        value = null;
        var index = args.ToList().IndexOf(name);
        if (index < 0)
        {
            return true;
        }

        if (index + 1 >= args.Count || args[index + 1].StartsWith("--", StringComparison.Ordinal))
        {
            return false;
        }

        value = args[index + 1];
        return true;
    }
}
