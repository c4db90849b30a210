using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using WorkBrain.Tests.Support;

namespace WorkBrain.Tests.Web.Scale;

/// <summary>Two WorkBrain web apps on their own Kestrel ports sharing one PostgreSQL database, one files folder and one Redis, answering from one
/// scripted engine, with sign-in required: what a deployment with two replicas behind a proxy looks like.</summary>
public sealed partial class TwoReplicas : IAsyncLifetime
{
    public const string Email = "alice@example.org";
    public const string Password = "correct horse battery";

    public RedisServer Redis { get; private set; } = default!;

    public FakeOpenAiServer Llm { get; private set; } = default!;

    public WorkBrainAppFactory A { get; private set; } = default!;

    public WorkBrainAppFactory B { get; private set; } = default!;

    public string UrlA { get; private set; } = "";

    /// <summary>The PostgreSQL database both share (<c>WORKBRAIN_TEST_POSTGRES</c>; without it the tests fail and say what to install).</summary>
    public TestDatabase Database { get; private set; } = default!;

    public string UrlB { get; private set; } = "";

    private string _data = "";

    /// <summary>Every key and channel of this pair starts with this, so tests can share one Redis.</summary>
    public string KeyPrefix { get; } = "wbtest-" + Guid.NewGuid().ToString("N")[..8] + ":";

    /// <summary>The words the engine streams, one every <see cref="FakeOpenAiServer.TokenDelay"/>.</summary>
    public static IReadOnlyList<string> Words { get; } = Enumerable.Range(1, 60).Select(i => $"w{i} ").ToList();

    public async Task InitializeAsync()
    {
        Redis = await RedisServer.StartAsync();
        Llm = await FakeOpenAiServer.StartAsync();
        Llm.Answer = _ => Words;
        Llm.TokenDelay = TimeSpan.FromMilliseconds(40);
        var data = _data = Path.Combine(Path.GetTempPath(), "workbrain-tests", "replicas-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(data);
        var settings = new Dictionary<string, string?>
        {
            ["Storage:DataDirectory"] = data,
            ["Accounts:RequireLogin"] = "true",
            ["Redis:Connection"] = Redis.Connection,
            ["Redis:KeyPrefix"] = KeyPrefix,
            ["TextGeneration:Endpoint"] = Llm.BaseUrl,
            ["TextGeneration:Model"] = "fake-model",
            ["RateLimits:RequestsPerMinute"] = "30",
        };
        // One PostgreSQL database both replicas share, as in a deployment (SQLite is one process's store).
        Database = await TestDatabase.CreatePostgresAsync();
        foreach (var (key, value) in Database.Settings)
        {
            settings[key] = value;
        }

        A = new WorkBrainAppFactory(new Dictionary<string, string?>(settings) { ["Storage:InstanceId"] = "replica-a" }, kestrel: true);
        UrlA = A.StartKestrel();
        B = new WorkBrainAppFactory(new Dictionary<string, string?>(settings) { ["Storage:InstanceId"] = "replica-b" }, kestrel: true);
        UrlB = B.StartKestrel();
        using var scope = A.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        var created = await users.CreateAsync(new IdentityUser { UserName = Email, Email = Email }, Password);
        Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Description)));
    }

    /// <summary>Signs in with the login form: the form (and its antiforgery token) comes from <paramref name="formFrom"/>,
    /// the post goes to <paramref name="postTo"/>. Returns the cookies of the signed-in browser.</summary>
    public static async Task<CookieContainer> SignInAsync(string formFrom, string postTo)
    {
        var cookies = new CookieContainer();
        using var http = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false });
        var form = await http.GetStringAsync(formFrom + "/account/login");
        var token = AntiforgeryToken().Match(form);
        Assert.True(token.Success, "the login form has no antiforgery token");
        // Both replicas are on 127.0.0.1: cookies are per host, not per port, as in a browser.
        using var post = await http.PostAsync(postTo + "/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value),
            ["Input.Email"] = Email,
            ["Input.Password"] = Password,
        }));
        Assert.True(post.StatusCode == HttpStatusCode.Redirect, $"sign-in answered {(int)post.StatusCode}: {await post.Content.ReadAsStringAsync()}");
        return cookies;
    }

    public static HubConnection Hub(string baseUrl, CookieContainer cookies) => new HubConnectionBuilder()
        .WithUrl(baseUrl + "/hubs/brain", o => o.Cookies = cookies)
        .Build();

    public async Task DisposeAsync()
    {
        // Every part is disposed even if one throws; what each threw is reported together, naming the part.
        var failures = new List<Exception>();
        foreach (var (name, started) in new (string, IAsyncDisposable?)[] { ("replica B", B), ("replica A", A), ("LLM stub", Llm), ("Redis", Redis), ("database", Database) })
        {
            if (started is null)
            {
                continue; // a fixture that failed to start (no PostgreSQL) is still disposed
            }

            try
            {
                await started.DisposeAsync();
            }
            catch (Exception ex)
            {
                failures.Add(new InvalidOperationException($"Disposing {name} threw {ex.GetType().Name}: {ex.Message}", ex));
            }
        }

        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
        }

        if (failures.Count > 0)
        {
            throw new AggregateException("The two replicas' clean-up failed: " + string.Join("; ", failures.Select(f => f.Message)), failures);
        }
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
