using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using WorkBrain.Web.Accounts;

namespace WorkBrain.Tests.Support;

/// <summary>A user registered through AccountService and signed in through the real login form, holding the cookie
/// the app gave it: for HTTP requests and hub connections as that user (TestServer, no Kestrel needed).</summary>
public sealed partial class SignedInUser : IDisposable
{
    public const string Password = "correct horse battery";

    private SignedInUser(WorkBrainAppFactory app, string email, string id, CookieContainerHandler cookies, HttpClient client)
    {
        App = app;
        Email = email;
        Id = id;
        Cookies = cookies;
        Client = client;
    }

    public WorkBrainAppFactory App { get; }

    public string Email { get; }

    public string Id { get; }

    public CookieContainerHandler Cookies { get; }

    /// <summary>Carries the user's cookies; does not follow redirects.</summary>
    public HttpClient Client { get; }

    public string CookieHeader => Cookies.Container.GetCookieHeader(App.Server.BaseAddress);

    public static async Task<SignedInUser> RegisterAsync(WorkBrainAppFactory app, string email, string password = Password)
    {
        using (var scope = app.Services.CreateScope())
        {
            var (user, errors) = await scope.ServiceProvider.GetRequiredService<AccountService>().RegisterAsync(email, password);
            Assert.True(user is not null, string.Join("; ", errors));
        }

        return await SignInAsync(app, email, password);
    }

    public static async Task<SignedInUser> SignInAsync(WorkBrainAppFactory app, string email, string password = Password)
    {
        var cookies = new CookieContainerHandler();
        var client = app.CreateDefaultClient(app.Server.BaseAddress, cookies);
        var response = await PostFormAsync(client, "/account/login", "login", new()
        {
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        });
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"Sign-in of {email} failed: {response.StatusCode}");
        using var scope = app.Services.CreateScope();
        var user = await scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Microsoft.AspNetCore.Identity.IdentityUser>>().FindByEmailAsync(email);
        return new SignedInUser(app, email, user!.Id, cookies, client);
    }

    /// <summary>Gets the page, then posts its form (named <paramref name="formName"/>) with the page's antiforgery token.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string path, string? formName, Dictionary<string, string> fields) =>
        await PostLoadedFormAsync(client, await client.GetStringAsync(path), path, formName, fields);

    /// <summary>Posts a form of a page already loaded (<paramref name="page"/>: its HTML) to <paramref name="path"/>.</summary>
    public static async Task<HttpResponseMessage> PostLoadedFormAsync(HttpClient client, string page, string path, string? formName, Dictionary<string, string> fields)
    {
        var token = AntiforgeryToken().Match(page).Groups[1].Value;
        var form = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token) };
        if (formName is not null)
        {
            form["_handler"] = formName;
        }

        return await client.PostAsync(path, new FormUrlEncodedContent(form));
    }

    /// <summary>A hub connection as this user; <paramref name="origin"/> is sent as the browser would send it.</summary>
    public HubConnection Hub(string? origin = null) => Connect(App, CookieHeader, origin);

    public static HubConnection Connect(WorkBrainAppFactory app, string? cookie, string? origin, bool webSockets = true) => new HubConnectionBuilder()
        .WithUrl(new Uri(app.Server.BaseAddress, "/hubs/brain"), o =>
        {
            if (cookie is not null)
            {
                o.Headers["Cookie"] = cookie;
            }

            if (origin is not null)
            {
                o.Headers["Origin"] = origin;
            }

            o.HttpMessageHandlerFactory = _ => app.Server.CreateHandler();
            if (webSockets)
            {
                o.Transports = HttpTransportType.WebSockets;
                o.SkipNegotiation = true;
                o.WebSocketFactory = async (context, ct) =>
                {
                    var ws = app.Server.CreateWebSocketClient();
                    ws.ConfigureRequest = r =>
                    {
                        if (cookie is not null)
                        {
                            r.Headers.Cookie = cookie;
                        }

                        if (origin is not null)
                        {
                            r.Headers.Origin = origin;
                        }
                    };
                    return await ws.ConnectAsync(context.Uri, ct);
                };
            }
            else
            {
                o.Transports = HttpTransportType.LongPolling;
            }
        })
        .Build();

    public void Dispose() => Client.Dispose();

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*?value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
