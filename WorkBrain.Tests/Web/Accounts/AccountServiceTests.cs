using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using WorkBrain.Tests.Support;
using WorkBrain.Web.Accounts;

namespace WorkBrain.Tests.Web.Accounts;

public sealed class AccountServiceTests
{
    [Fact]
    public async Task Register_FirstAccountIsAdmin_OthersAreNot_AndConfiguredAdminIs()
    {
        await using var app = new WorkBrainAppFactory(new Dictionary<string, string?>
        {
            ["Accounts:RequireLogin"] = "true",
            ["Accounts:AdminEmail"] = "boss@example.org",
        });
        _ = app.Server; // start: creates the database
        using var scope = app.Services.CreateScope();
        var accounts = scope.ServiceProvider.GetRequiredService<AccountService>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();

        var (first, _) = await accounts.RegisterAsync("first@example.org", "long enough pw");
        var (second, _) = await accounts.RegisterAsync("second@example.org", "long enough pw");
        var (boss, _) = await accounts.RegisterAsync("boss@example.org", "long enough pw");

        Assert.True(await users.IsInRoleAsync(first!, AccountOptions.AdminRole));
        Assert.False(await users.IsInRoleAsync(second!, AccountOptions.AdminRole));
        Assert.True(await users.IsInRoleAsync(boss!, AccountOptions.AdminRole));
    }

    [Fact]
    public async Task Register_ClosedRegistration_OnlyTheFirstAccount()
    {
        await using var app = new WorkBrainAppFactory(new Dictionary<string, string?>
        {
            ["Accounts:RequireLogin"] = "true",
            ["Accounts:AllowRegistration"] = "false",
        });
        _ = app.Server;
        using var scope = app.Services.CreateScope();
        var accounts = scope.ServiceProvider.GetRequiredService<AccountService>();

        var (first, _) = await accounts.RegisterAsync("first@example.org", "long enough pw");
        var (second, errors) = await accounts.RegisterAsync("second@example.org", "long enough pw");

        Assert.NotNull(first);
        Assert.Null(second);
        Assert.Contains("Registration is closed", Assert.Single(errors), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Register_ShortPassword_IsRefusedWithTheRule()
    {
        await using var app = new WorkBrainAppFactory(new Dictionary<string, string?> { ["Accounts:RequireLogin"] = "true" });
        _ = app.Server;
        using var scope = app.Services.CreateScope();

        var (user, errors) = await scope.ServiceProvider.GetRequiredService<AccountService>().RegisterAsync("x@example.org", "short");

        Assert.Null(user);
        Assert.Contains(errors, e => e.Contains("at least 8", StringComparison.Ordinal));
    }
}
