using System.Net;
using WorkBrain.Tests.Support;

namespace WorkBrain.Tests.Web.Accounts;

/// <summary>Issue 13, item 12: sign-out needs the form's antiforgery token, and ends the cookie itself: a copy of it
/// replayed afterwards is refused.</summary>
public sealed class SignOutTests : IAsyncLifetime
{
    private WorkBrainAppFactory _app = default!;

    public Task InitializeAsync()
    {
        _app = new WorkBrainAppFactory(new Dictionary<string, string?> { ["Accounts:RequireLogin"] = "true" });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private async Task<HttpStatusCode> GetWithCookieAsync(string cookie)
    {
        using var client = _app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/account/keys");
        request.Headers.Add("Cookie", cookie);
        return (await client.SendAsync(request)).StatusCode;
    }

    [Fact]
    public async Task SignOut_WithoutAntiforgeryToken_IsRefused_AndTheUserStaysSignedIn()
    {
        using var alice = await SignedInUser.RegisterAsync(_app, "alice@example.org");

        var response = await alice.Client.PostAsync("/account/logout", new FormUrlEncodedContent([]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, await GetWithCookieAsync(alice.CookieHeader));
    }

    [Fact]
    public async Task SignOut_OldCookieReplayed_IsRefused()
    {
        using var alice = await SignedInUser.RegisterAsync(_app, "alice@example.org");
        var stolen = alice.CookieHeader;
        Assert.Equal(HttpStatusCode.OK, await GetWithCookieAsync(stolen));

        // The sign-out form is on the chat page, with its token.
        var page = await alice.Client.GetStringAsync("/");
        var response = await SignedInUser.PostLoadedFormAsync(alice.Client, page, "/account/logout", null, []);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.EndsWith("/account/login", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, await GetWithCookieAsync(stolen));

        // Signing in again works, with a new cookie.
        using var again = await SignedInUser.SignInAsync(_app, "alice@example.org");
        Assert.Equal(HttpStatusCode.OK, await GetWithCookieAsync(again.CookieHeader));
    }
}
