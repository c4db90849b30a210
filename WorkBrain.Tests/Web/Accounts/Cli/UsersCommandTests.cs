using System.Net;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.Extensions.DependencyInjection;
using WorkBrain.Core.Hosting;
using WorkBrain.Tests.Support;

namespace WorkBrain.Tests.Web.Accounts.Cli;

/// <summary>Issue 13, item 13: <c>users add|list|lock|unlock|reset-password</c>, run through the real host's command
/// registry, and what each does to signing in.</summary>
public sealed class UsersCommandTests : IAsyncLifetime
{
    private WorkBrainAppFactory _app = default!;

    public Task InitializeAsync()
    {
        _app = new WorkBrainAppFactory(new Dictionary<string, string?> { ["Accounts:RequireLogin"] = "true" });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private async Task<(int Code, string[] Output, string Error)> RunAsync(string input, params string[] args)
    {
        var command = _app.Services.GetServices<ICliCommand>().Single(c => c.Name == "users");
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await command.RunAsync(args, new StringReader(input), output, error, CancellationToken.None);
        return (code, output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), error.ToString());
    }

    private async Task<bool> CanSignInAsync(string email, string password)
    {
        using var client = _app.CreateDefaultClient(_app.Server.BaseAddress, new CookieContainerHandler());
        var response = await SignedInUser.PostFormAsync(client, "/account/login", "login", new() { ["Input.Email"] = email, ["Input.Password"] = password });
        return response.StatusCode == HttpStatusCode.Redirect;
    }

    [Fact]
    public async Task Add_PrintsAGeneratedPasswordOnItsLastLine_ThatSignsIn_AndListShowsRoles()
    {
        var (code, output, error) = await RunAsync("", "add", "root@example.org", "--admin");
        var (userCode, _, userError) = await RunAsync("plain words 77 go\n", "add", "user@example.org", "--password-stdin");

        Assert.True(code == 0, error);
        Assert.True(userCode == 0, userError);
        var password = output[^1];
        Assert.True(password.Length >= 16, password);
        Assert.True(await CanSignInAsync("root@example.org", password));
        Assert.True(await CanSignInAsync("user@example.org", "plain words 77 go"));
        var (_, list, _) = await RunAsync("", "list");
        Assert.Contains(list, l => l.StartsWith("root@example.org\tadmin\tactive", StringComparison.Ordinal));
        Assert.Contains(list, l => l.StartsWith("user@example.org\tuser\tactive", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Add_WeakPasswordFromStdin_OrTakenEmail_FailsWithTheReason()
    {
        var (weak, _, weakError) = await RunAsync("aaaaaaaa\n", "add", "a@example.org", "--password-stdin");
        await RunAsync("", "add", "b@example.org");
        var (taken, _, _) = await RunAsync("", "add", "b@example.org");

        Assert.Equal(1, weak);
        Assert.Contains("repeats", weakError, StringComparison.Ordinal);
        Assert.Equal(1, taken);
    }

    [Fact]
    public async Task Lock_EndsSignInAndTheCookie_Unlock_AndResetPassword_GiveItBack()
    {
        using var bob = await SignedInUser.RegisterAsync(_app, "bob@example.org");

        Assert.Equal(0, (await RunAsync("", "lock", "bob@example.org")).Code);
        Assert.False(await CanSignInAsync("bob@example.org", SignedInUser.Password));
        Assert.Equal(HttpStatusCode.Redirect, (await bob.Client.GetAsync("/account/keys")).StatusCode);
        Assert.Contains((await RunAsync("", "list")).Output, l => l.StartsWith("bob@example.org\tadmin\tlocked", StringComparison.Ordinal));

        Assert.Equal(0, (await RunAsync("", "unlock", "bob@example.org")).Code);
        Assert.True(await CanSignInAsync("bob@example.org", SignedInUser.Password));

        var (code, output, _) = await RunAsync("", "reset-password", "bob@example.org");
        Assert.Equal(0, code);
        Assert.False(await CanSignInAsync("bob@example.org", SignedInUser.Password));
        Assert.True(await CanSignInAsync("bob@example.org", output[^1]));
    }

    [Theory]
    [InlineData]
    [InlineData("add")]
    [InlineData("lock")]
    [InlineData("frobnicate", "x@example.org")]
    public async Task BadUsage_PrintsUsage_ExitCode2(params string[] args)
    {
        var (code, _, error) = await RunAsync("", args);

        Assert.Equal(2, code);
        Assert.Contains("Usage: users add EMAIL", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownEmail_SaysSo_ExitCode1()
    {
        var (code, _, error) = await RunAsync("", "unlock", "ghost@example.org");

        Assert.Equal(1, code);
        Assert.Contains("ghost@example.org", error, StringComparison.Ordinal);
    }
}
