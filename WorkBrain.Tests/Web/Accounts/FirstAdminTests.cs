using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.Extensions.DependencyInjection;
using WorkBrain.Tests.Support;
using WorkBrain.Web.Accounts;

namespace WorkBrain.Tests.Web.Accounts;

/// <summary>Issue 13, item 8: eight registrations at once on an empty install make exactly one admin.</summary>
public sealed class FirstAdminTests
{
    private static async Task<(int Users, int Admins)> CountAsync(WorkBrainAppFactory app)
    {
        using var scope = app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        return (users.Users.Count(), (await users.GetUsersInRoleAsync(AccountOptions.AdminRole)).Count);
    }

    [Fact]
    public async Task Register_EightAtOnceThroughTheRegisterPage_MakesExactlyOneAdmin()
    {
        await using var app = new WorkBrainAppFactory(new Dictionary<string, string?> { ["Accounts:RequireLogin"] = "true" });
        var clients = Enumerable.Range(0, 8).Select(_ => app.CreateDefaultClient(app.Server.BaseAddress, new CookieContainerHandler())).ToList();
        // Every form is loaded first, then all are posted together.
        var pages = await Task.WhenAll(clients.Select(c => c.GetStringAsync("/account/register")));
        using var start = new SemaphoreSlim(0);
        var posts = clients.Select((c, i) => Task.Run(async () =>
        {
            await start.WaitAsync();
            return await SignedInUser.PostLoadedFormAsync(c, pages[i], "/account/register", "register", new()
            {
                ["Input.Email"] = $"user{i}@example.org",
                ["Input.Password"] = SignedInUser.Password,
            });
        })).ToList();
        start.Release(8);
        var responses = await Task.WhenAll(posts);

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Redirect, r.StatusCode));
        Assert.Equal((8, 1), await CountAsync(app));
    }

    [Fact]
    public async Task Register_ManyAtOnceThroughAccountService_MakesExactlyOneAdmin_AndClosedRegistrationOneAccount()
    {
        await using var open = new WorkBrainAppFactory(new Dictionary<string, string?> { ["Accounts:RequireLogin"] = "true" });
        await using var closed = new WorkBrainAppFactory(new Dictionary<string, string?>
        {
            ["Accounts:RequireLogin"] = "true",
            ["Accounts:AllowRegistration"] = "false",
        });

        await Task.WhenAll(RegisterManyAsync(open), RegisterManyAsync(closed));

        Assert.Equal((12, 1), await CountAsync(open));
        Assert.Equal((1, 1), await CountAsync(closed));
    }

    private static Task RegisterManyAsync(WorkBrainAppFactory app)
    {
        _ = app.Server; // started once, before the registrations race
        return Task.WhenAll(Enumerable.Range(0, 12).Select(i => Task.Run(async () =>
    {
        using var scope = app.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<AccountService>().RegisterAsync($"user{i}@example.org", SignedInUser.Password);
    })));
    }
}
