using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.Extensions.DependencyInjection;
using WorkBrain.Tests.Support;
using WorkBrain.Web.Accounts;

namespace WorkBrain.Tests.Web.Accounts;

/// <summary>Issue 13, item 12: sign-in and registration answers do not tell which e-mails have accounts, and a
/// locked account does not say so; an admin locked out by someone else's wrong passwords has a way back.</summary>
public sealed class AccountEnumerationTests : IAsyncLifetime
{
    private WorkBrainAppFactory _app = default!;

    public async Task InitializeAsync()
    {
        _app = new WorkBrainAppFactory(new Dictionary<string, string?> { ["Accounts:RequireLogin"] = "true" });
        (await SignedInUser.RegisterAsync(_app, "admin@example.org")).Dispose();
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    /// <summary>The login page's error after one attempt, as the browser shows it.</summary>
    private async Task<string> SignInErrorAsync(string email, string password)
    {
        using var client = _app.CreateDefaultClient(_app.Server.BaseAddress, new CookieContainerHandler());
        var response = await SignedInUser.PostFormAsync(client, "/account/login", "login", new()
        {
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        });
        var html = await response.Content.ReadAsStringAsync();
        var start = html.IndexOf("data-testid=\"login-error\">", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no error shown ({response.StatusCode})");
        start = html.IndexOf('>', start) + 1;
        return html[start..html.IndexOf("</p>", start, StringComparison.Ordinal)];
    }

    [Fact]
    public async Task SignIn_UnknownEmail_WrongPassword_AndLockedAccount_ReadTheSame()
    {
        var unknown = await SignInErrorAsync("nobody@example.org", "some password 1");
        var wrong = await SignInErrorAsync("admin@example.org", "some password 1");
        for (var i = 0; i < 5; i++)
        {
            await SignInErrorAsync("admin@example.org", "some password 1");
        }

        var lockedRightPassword = await SignInErrorAsync("admin@example.org", SignedInUser.Password);

        Assert.Equal(unknown, wrong);
        Assert.Equal(unknown, lockedRightPassword);
        Assert.DoesNotContain("locked", unknown, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task AdminLockedOutByAnAttacker_UsersUnlock_LetsTheAdminSignInAgain()
    {
        for (var i = 0; i < 5; i++)
        {
            await SignInErrorAsync("admin@example.org", "attacker guess " + i);
        }

        await SignInErrorAsync("admin@example.org", SignedInUser.Password); // locked: refused

        var users = _app.Services.GetServices<WorkBrain.Core.Hosting.ICliCommand>().Single(c => c.Name == "users");
        var output = new StringWriter();
        Assert.Equal(0, await users.RunAsync(["unlock", "admin@example.org"], TextReader.Null, output, TextWriter.Null, CancellationToken.None));

        using var admin = await SignedInUser.SignInAsync(_app, "admin@example.org");
        Assert.Equal(System.Net.HttpStatusCode.OK, (await admin.Client.GetAsync("/metrics")).StatusCode);
    }

    [Fact]
    public async Task Register_TakenEmail_DoesNotSayItIsTaken_AndWeakPasswordsReadTheSameForTakenAndFreeEmails()
    {
        using var scope = _app.Services.CreateScope();
        var accounts = scope.ServiceProvider.GetRequiredService<AccountService>();

        var (_, taken) = await accounts.RegisterAsync("admin@example.org", "another good password");
        var (_, weakTaken) = await accounts.RegisterAsync("admin@example.org", "aaaaaaaa");
        var (_, weakFree) = await accounts.RegisterAsync("free@example.org", "aaaaaaaa");

        var message = Assert.Single(taken);
        Assert.DoesNotContain("admin@example.org", message, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("taken", message, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("exists", message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(weakFree, weakTaken);
    }
}
