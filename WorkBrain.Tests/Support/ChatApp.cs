namespace WorkBrain.Tests.Support;

/// <summary>The whole app on Kestrel, answering from a scripted OpenAI-compatible server: what the browser tests share.</summary>
public sealed class ChatApp : IAsyncDisposable
{
    private ChatApp(FakeOpenAiServer llm, WorkBrainAppFactory app, string baseUrl)
    {
        Llm = llm;
        App = app;
        BaseUrl = baseUrl;
    }

    public FakeOpenAiServer Llm { get; }

    public WorkBrainAppFactory App { get; }

    public string BaseUrl { get; }

    /// <param name="tokens">What the text model streams, whatever it is asked; null echoes the question.</param>
    /// <param name="services">Services added after the app's own (<see cref="WorkBrainAppFactory.TestServices"/>).</param>
    public static async Task<ChatApp> StartAsync(
        IReadOnlyList<string>? tokens = null, TimeSpan? tokenDelay = null, IDictionary<string, string?>? settings = null,
        Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? services = null)
    {
        var llm = await FakeOpenAiServer.StartAsync();
        if (tokens is not null)
        {
            llm.Answer = _ => tokens;
        }

        llm.TokenDelay = tokenDelay ?? llm.TokenDelay;
        var all = new Dictionary<string, string?>
        {
            ["TextGeneration:Endpoint"] = llm.BaseUrl,
            ["TextGeneration:Model"] = "fake-model",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        var app = new WorkBrainAppFactory(all, kestrel: true) { TestServices = services };
        return new ChatApp(llm, app, app.StartKestrel());
    }

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        await Llm.DisposeAsync();
    }
}
