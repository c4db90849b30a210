using System.ClientModel;
using System.ClientModel.Primitives;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Bunit;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenAI;
using OpenAI.Chat;
using WorkBrain.Core.Engines;
using WorkBrain.Core.Events;
using WorkBrain.Core.Experts;
using WorkBrain.Core.Orchestration;
using WorkBrain.Core.Turns;
using WorkBrain.Tests.Core.Speech;
using WorkBrain.Tests.Support;
using WorkBrain.Core.Gate;
using WorkBrain.Core.Text;
using WorkBrain.Web.Accounts;
using WorkBrain.Web.Api;
using WorkBrain.Web.Components.Pages.Chat;
using WorkBrain.Web.Conversations;
using WorkBrain.Web.Conversations.Feedback;

namespace WorkBrain.Tests.Web.OpenExperts;

/// <summary>An expert added by one registration (<see cref="ImageSizeExpert"/>) in the real app: routed by its attachment
/// evidence and by explicit choice, run, and shown in /v1/models and on the dashboard; and docs/add-an-expert.md and
/// docs/add-an-engine.md still say what the code does.</summary>
public sealed partial class OpenExpertSetTests : IAsyncLifetime
{
    private WorkBrainAppFactory _factory = default!;
    private WebApplicationFactory<Program> _app = default!;
    private string _png = "";

    public async Task InitializeAsync()
    {
        _factory = new WorkBrainAppFactory();
        _app = _factory.WithWebHostBuilder(b => b.ConfigureTestServices(services =>
            services.AddExpert<ImageSizeExpert>(ImageSizeExpert.Descriptor)));
        _png = Path.Combine(SpeechMedia.NewFolder(), "red.png");
        await SpeechMedia.RunAsync("ffmpeg", "-nostdin", "-loglevel", "error", "-f", "lavfi", "-i", "color=c=red:s=6x4", "-frames:v", "1", _png);
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _factory.DisposeAsync();
    }

    private static string Docs(string name) => File.ReadAllText(Path.Combine(TestModels.RepositoryRoot, "docs", name));

    [Fact]
    public async Task Brain_ImageAttached_RoutesTheAddedExpertByItsEvidenceAndRunsIt()
    {
        var turn = Turn.FromText("What is in this picture?") with
        {
            Attachments = [new Attachment("red.png", "image/png", AttachmentKind.Image, _png, new FileInfo(_png).Length)],
        };

        var monitor = _app.Services.GetRequiredService<ExpertMonitor>();
        Assert.Equal(0, monitor.GateFigures().Selections[ImageSizeExpert.ExpertId]);

        var events = await _app.Services.GetRequiredService<IBrain>().AnswerAsync(turn).ToListAsync();

        Assert.True(Assert.Single(events.OfType<Routed>()).Decision.Selects(ImageSizeExpert.ExpertId));
        Assert.Equal("red.png is 6×4 pixels.", string.Concat(events.OfType<TextDelta>().Where(d => d.Expert == ImageSizeExpert.ExpertId).Select(d => d.Text)));
        Assert.Contains(events, e => e is ExpertFinished { Expert: ImageSizeExpert.ExpertId });
        Assert.Equal(1, monitor.GateFigures().Selections[ImageSizeExpert.ExpertId]);
        Assert.Equal(1, monitor.FiguresOf(ImageSizeExpert.ExpertId).Requests);
    }

    [Fact]
    public async Task Brain_DescribedButNotInstalled_SaysSoUnderItsDescribedName()
    {
        var described = new ExpertDescriptor("receipt_reader", "Receipt reader") { WritesText = true };
        await using var app = _factory.WithWebHostBuilder(b => b.ConfigureTestServices(services =>
        {
            services.AddExpert<ImageSizeExpert>(ImageSizeExpert.Descriptor);
            services.AddSingleton(described);
        }));

        var events = await app.Services.GetRequiredService<IBrain>().AnswerAsync(Turn.FromText("read my receipt"), [described.Id]).ToListAsync();

        var failed = Assert.Single(events.OfType<ExpertFailed>());
        Assert.Equal(described.Id, failed.Expert);
        Assert.Equal("The Receipt reader expert is not installed.", failed.Message);
    }

    [Fact]
    public async Task FeedbackEvaluator_CountsRerunsOnTheAddedExpert()
    {
        var conversations = _app.Services.GetRequiredService<ConversationService>();
        var store = _app.Services.GetRequiredService<ChatStore>();
        var first = await conversations.AskAsync("local", null, "how big is my picture");
        await WaitForEndAsync(store, first.Assistant.Id);
        var rerun = await conversations.RegenerateAsync("local", first.SessionId, [ImageSizeExpert.ExpertId]);
        Assert.NotNull(rerun);
        await WaitForEndAsync(store, rerun.Assistant.Id);

        var evaluation = await _app.Services.GetRequiredService<RoutingFeedbackEvaluator>().EvaluateAsync();

        Assert.Equal(1, evaluation.Count);
        Assert.Equal([ImageSizeExpert.ExpertId], Assert.Single(evaluation.Misrouted).Expected);
    }

    private static async Task WaitForEndAsync(ChatStore store, string messageId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((await store.LoadMessageAsync("local", messageId)) is not { IsStreaming: false })
        {
            Assert.True(DateTime.UtcNow < deadline, $"message {messageId} still streaming");
            await Task.Delay(50);
        }
    }

    [Fact]
    public async Task Brain_TextOnly_LeavesTheAddedExpertOut()
    {
        var events = await _app.Services.GetRequiredService<IBrain>().AnswerAsync(Turn.FromText("How big is a football pitch?")).ToListAsync();

        Assert.False(Assert.Single(events.OfType<Routed>()).Decision.Selects(ImageSizeExpert.ExpertId));
        Assert.DoesNotContain(events, e => e is ExpertStarted { Expert: ImageSizeExpert.ExpertId });
    }

    [Fact]
    public async Task Api_ModelsListItAndChoosingItAsTheModelRunsIt()
    {
        var key = (await _app.Services.GetRequiredService<ApiKeyService>().CreateAsync("alice", "tests")).Key;
        using var http = _app.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        var models = JsonNode.Parse(await http.GetStringAsync("/v1/models"))!["data"]!.AsArray();
        var chat = new OpenAIClient(new ApiKeyCredential(key), new OpenAIClientOptions
        {
            Endpoint = new Uri(_app.Server.BaseAddress, "/v1"),
            Transport = new HttpClientPipelineTransport(_app.CreateClient()),
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
        }).GetChatClient(ImageSizeExpert.ExpertId);

        ChatCompletion answer = await chat.CompleteChatAsync([new UserChatMessage(
            ChatMessageContentPart.CreateTextPart("How big is this?"),
            ChatMessageContentPart.CreateImagePart(BinaryData.FromBytes(await File.ReadAllBytesAsync(_png)), "image/png"))]);

        var listed = Assert.Single(models, m => (string?)m!["id"] == ImageSizeExpert.ExpertId);
        Assert.Equal("Image size (Ready)", (string?)listed!["description"]);
        Assert.Contains("6×4 pixels", answer.Content[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dashboard_ShowsItsRowAndCardUnderItsDescribedName()
    {
        using var http = _app.CreateClient();

        var cards = await http.GetStringAsync("/admin");
        var table = await http.GetStringAsync("/admin?view=table");

        Assert.Matches(new Regex($"data-testid=\"expert-card\" data-expert=\"{ImageSizeExpert.ExpertId}\">.*?<b>Image size</b>", RegexOptions.Singleline), cards);
        Assert.Matches($"data-testid=\"expert-row\" data-expert=\"{ImageSizeExpert.ExpertId}\"[^>]*>\\s*<td><b>Image size</b>", table);
        Assert.Matches(new Regex($"data-testid=\"gate-chart\">.*?class=\"gate-bar-row\" data-expert=\"{ImageSizeExpert.ExpertId}\">\\s*<span class=\"gate-bar-label\">.*?> Image size</span>", RegexOptions.Singleline), cards);
    }

    [Fact]
    public async Task Chat_RoutingTraceOffersToRerunOnItUnderItsName()
    {
        await using var bunit = new BunitContext();
        bunit.Services.AddLocalization();
        bunit.Services.AddSingleton(_app.Services.GetRequiredService<ExpertCatalog>());
        var message = new MessageView { Id = "m1", Role = "assistant" };
        string? rerun = null;

        var trace = bunit.Render<RoutingTrace>(p => p.Add(t => t.Message, message).Add(t => t.OnRerun, (string id) => rerun = id));
        var button = trace.Find($"button.rerun-button[data-expert={ImageSizeExpert.ExpertId}]");
        var name = button.TextContent;
        await button.ClickAsync(new());

        Assert.Equal("Image size", name);
        Assert.Equal(ImageSizeExpert.ExpertId, rerun);
        Assert.Equal(_app.Services.GetRequiredService<ExpertCatalog>().All.Count, trace.FindAll("button.rerun-button").Count);
    }

    [Fact]
    public void ApiSectionsAndTextPrompt_NameItAsItsDescriptionDoes()
    {
        var experts = _app.Services.GetRequiredService<ExpertCatalog>();
        var text = new BrainEventText(experts);
        var stats = new ExpertStats(1, 1, 1, 1);
        var selected = new[] { ExpertIds.TextGeneration, ImageSizeExpert.ExpertId };
        var routed = new Routed(new GateDecision(selected.ToDictionary(e => e, _ => 1f), [.. selected.Select(e => new ExpertSelection(e, 1f, "x"))], "test", 0));

        var api = string.Concat(new BrainEvent[]
        {
            routed, new TextDelta(ExpertIds.TextGeneration, "A red picture."), new ExpertFinished(ExpertIds.TextGeneration, stats),
            new ExpertFailed(ImageSizeExpert.ExpertId, "not a PNG", FailureReasons.Error), new Completed(new TurnStats(1, 1, 2, 0, false)),
        }.Select(text.Render));
        var prompt = TextGenerationExpert.BuildMessages(
            new ExpertRequest(Turn.FromText("Describe it"), "Describe it", new Dictionary<string, string> { [ImageSizeExpert.ExpertId] = "6×4 pixels" }),
            new TextGenerationOptions(), experts)[^1].Text;

        Assert.Contains("\n\n**Image size**\n\n", api, StringComparison.Ordinal);
        Assert.Contains("> Image size failed: not a PNG", api, StringComparison.Ordinal);
        Assert.Contains("[Image size]\n6×4 pixels", prompt, StringComparison.Ordinal);
    }

    [Fact]
    public void AddAnExpertDoc_MatchesTheCode()
    {
        var doc = Docs("add-an-expert.md");

        Assert.Contains("services.AddExpert<ImageSizeExpert>(ImageSizeExpert.Descriptor);", doc, StringComparison.Ordinal);
        foreach (var property in typeof(ExpertDescriptor).GetProperties().Where(p => p.CanWrite || p.Name is "Id" or "DisplayName"))
        {
            Assert.Contains($"| `{property.Name}` |", doc, StringComparison.Ordinal);
        }

        foreach (var stage in Enum.GetNames<ExpertStage>())
        {
            Assert.Contains($"`{stage}`", doc, StringComparison.Ordinal);
        }

        foreach (Match path in RepoPath().Matches(doc))
        {
            Assert.True(Path.Exists(Path.Combine(TestModels.RepositoryRoot, path.Groups[1].Value)), $"{path.Value} does not exist");
        }

        Assert.Contains("the eight built-in experts", doc, StringComparison.Ordinal);
        Assert.Equal(8, ExpertIds.All.Count);
    }

    [Fact]
    public async Task AddAnEngineDoc_ExampleConfigurationBuildsEveryEngineItNames()
    {
        var doc = Docs("add-an-engine.md");
        var json = JsonBlock().Match(doc).Groups[1].Value;
        var settings = new ConfigurationBuilder().AddJsonStream(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json))).Build()
            .AsEnumerable().Where(kv => kv.Value is not null).ToDictionary(kv => kv.Key, kv => kv.Value);
        await using var app = new WorkBrainAppFactory(settings);
        var registry = app.Services.GetRequiredService<EngineRegistry>();
        var factories = app.Services.GetServices<IEngineFactory>().ToList();

        var named = settings.Keys.Where(k => k.StartsWith("Engines:", StringComparison.Ordinal) && k.EndsWith(":Type", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(named);
        foreach (var key in named)
        {
            var parts = key.Split(':');
            var engine = registry.Find(parts[1], parts[2]);
            Assert.NotNull(engine);
            Assert.Equal(settings[key], engine.Definition.Type);
            Assert.DoesNotContain("this build knows", engine.GetStatus().Detail, StringComparison.Ordinal);
        }

        foreach (var capability in EngineCapability.All)
        {
            Assert.Contains($"| `{capability}` |", doc, StringComparison.Ordinal);
            if (settings.TryGetValue($"Engines:Default:{capability}", out var chosen))
            {
                Assert.Equal(chosen, registry.Selected(capability)?.Definition.Name);
            }
        }

        foreach (Match row in TypeRow().Matches(doc))
        {
            Assert.Contains(factories, f => f.Capability == row.Groups[1].Value && string.Equals(f.Type, row.Groups[2].Value, StringComparison.OrdinalIgnoreCase));
        }

        Assert.True(TypeRow().Matches(doc).Count >= 9);
    }

    [GeneratedRegex("`((?:WorkBrain\\.[A-Za-z]+|docs|models)/[^`]*)`")]
    private static partial Regex RepoPath();

    [GeneratedRegex("```json\\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex JsonBlock();

    [GeneratedRegex("^\\| `([A-Za-z]+)` \\| `([a-z]+)` \\|", RegexOptions.Multiline)]
    private static partial Regex TypeRow();
}
