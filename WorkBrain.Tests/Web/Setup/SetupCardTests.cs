using System.ClientModel;
using System.ClientModel.Primitives;
using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenAI;
using OpenAI.Chat;
using Microsoft.Extensions.Options;
using WorkBrain.Core.Models;
using WorkBrain.Core.Engines;
using WorkBrain.Tests.Support;
using WorkBrain.Web.Accounts;
using WorkBrain.Web.Components.Pages.Admin;
using WorkBrain.Web.Data;
using WorkBrain.Web.Setup;

namespace WorkBrain.Tests.Web.Setup;

/// <summary>The first-run setup card on the real app: a server connected and saved on the card answers the next chat
/// request without a restart; the key is stored protected and shown only masked; the choice survives a restart.</summary>
public sealed class SetupCardTests : BunitTestBase, IAsyncLifetime
{
    private const string Key = "sk-setup-card-0123456789";
    private FakeOpenAiServer _llm = default!;
    private WorkBrainAppFactory _app = default!;
    private readonly string _models = Directory.CreateTempSubdirectory("wb-setup-models-").FullName;

    public new async Task InitializeAsync()
    {
        _llm = await FakeOpenAiServer.StartAsync();
        _llm.Answer = _ => ["来自", "新引擎"];
        _llm.TokenDelay = TimeSpan.FromMilliseconds(1);

        // Nothing configured for text: the card is the way in.
        Directory.CreateDirectory(Path.Combine(_models, "llm"));
        await File.WriteAllBytesAsync(Path.Combine(_models, "llm", "tiny-chat.gguf"), [0x47, 0x47, 0x55, 0x46]);
        _app = new WorkBrainAppFactory(new Dictionary<string, string?> { ["Setup:RefreshSeconds"] = "0", ["Models:Directory"] = _models });
        _ = _app.Server;

        // The card's services are the app's own singletons.
        Context.Services.AddSingleton(_app.Services.GetRequiredService<ModelServerProbe>());
        Context.Services.AddSingleton(_app.Services.GetRequiredService<EngineSettingsStore>());
        Context.Services.AddSingleton(_app.Services.GetRequiredService<EngineRegistry>());
        Context.Services.AddSingleton(_app.Services.GetRequiredService<IOptions<ModelsOptions>>());
        Context.Services.AddSingleton<IEnumerable<IEngineFactory>>(_app.Services.GetServices<IEngineFactory>().ToList());
    }

    public new async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _app.DisposeAsync();
        await _llm.DisposeAsync();
        Directory.Delete(_models, recursive: true);
    }

    private async Task<IRenderedComponent<SetupCard>> SaveServerOnTheCardAsync()
    {
        var card = Context.Render<SetupCard>(p => p.Add(c => c.FirstRun, true));
        card.Find("[data-testid=setup-url]").Input(_llm.BaseUrl);
        card.Find("[data-testid=setup-key]").Input(Key);
        await card.ClickAsync("[data-testid=setup-test]");
        card.WaitForElement("[data-testid=setup-ok]", TimeSpan.FromSeconds(30));
        await card.ClickAsync("[data-testid=setup-model]");
        await card.ClickAsync("[data-testid=setup-save]");
        card.WaitForElement("[data-testid=setup-saved-ok]", TimeSpan.FromSeconds(30));
        return card;
    }

    private async Task<string> AskTextAsync(WorkBrainAppFactory app)
    {
        var key = (await app.Services.GetRequiredService<ApiKeyService>().CreateAsync("alice", "tests")).Key;
        var client = new OpenAIClient(new ApiKeyCredential(key), new OpenAIClientOptions
        {
            Endpoint = new Uri(app.Server.BaseAddress, "/v1"),
            Transport = new HttpClientPipelineTransport(app.CreateClient()),
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
        });
        ChatCompletion completion = await client.GetChatClient("text_generation").CompleteChatAsync([new UserChatMessage("你好")]);
        return completion.Content[0].Text;
    }

    [Fact]
    public async Task Save_ServerOnTheCard_NextChatRequestUsesItWithoutRestart()
    {
        var registry = _app.Services.GetRequiredService<EngineRegistry>();
        Assert.False(registry.Selected(EngineCapability.Text)?.GetStatus().IsAvailable == true);

        await SaveServerOnTheCardAsync();

        Assert.Equal(EngineSettingsStore.EngineName, registry.Selected(EngineCapability.Text)?.Definition.Name);
        Assert.Equal("来自新引擎", await AskTextAsync(_app));
        Assert.Equal("Bearer " + Key, _llm.Authorizations.Last());
    }

    [Fact]
    public async Task Save_ApiKey_StoredProtectedAndShownOnlyMasked()
    {
        var card = await SaveServerOnTheCardAsync();

        await using var db = await _app.Services.GetRequiredService<WorkBrainDbContextFactory>().CreateDbContextAsync();
        var row = await db.EngineSettings.SingleAsync(s => s.Key == "Engines:Text:setup:ApiKey");
        Assert.True(row.IsProtected);
        Assert.DoesNotContain(Key, row.Value, StringComparison.Ordinal);
        Assert.DoesNotContain(Key, card.Markup, StringComparison.Ordinal);
        Assert.Contains("••••6789", card.Find("[data-testid=setup-saved-key]").TextContent, StringComparison.Ordinal);
        Assert.Equal("", card.Find("[data-testid=setup-key]").GetAttribute("value") ?? "");
    }

    [Fact]
    public async Task Save_AfterRestart_SavedEngineStillAnswers()
    {
        await SaveServerOnTheCardAsync();

        // A second app on the same database and Data Protection keys: a restart.
        await using var restarted = new WorkBrainAppFactory(new Dictionary<string, string?>
        {
            ["Storage:DataDirectory"] = _app.DataDirectory,
            ["Setup:RefreshSeconds"] = "0",
        });

        Assert.Equal("来自新引擎", await AskTextAsync(restarted));
        Assert.Equal("Bearer " + Key, _llm.Authorizations.Last());
    }

    [Fact]
    public async Task Reset_SavedEngine_BackToBootstrapConfiguration()
    {
        var card = await SaveServerOnTheCardAsync();
        var registry = _app.Services.GetRequiredService<EngineRegistry>();

        card.Find("[data-testid=setup-engine-Text] select").Change("reset");
        await card.ClickAsync("[data-testid=setup-save]");
        card.WaitForElement("[data-testid=setup-saved-ok]", TimeSpan.FromSeconds(30));

        Assert.NotEqual(EngineSettingsStore.EngineName, registry.Selected(EngineCapability.Text)?.Definition.Name);
        await using var db = await _app.Services.GetRequiredService<WorkBrainDbContextFactory>().CreateDbContextAsync();
        Assert.Empty(await db.EngineSettings.ToListAsync());
    }

    [Fact]
    public async Task Save_GgufFileFromTheModelsFolder_IsTheTextEngineAtOnce()
    {
        var card = Context.Render<SetupCard>(p => p.Add(c => c.FirstRun, true));

        var file = Assert.Single(card.FindAll("[data-testid=setup-file]"));
        Assert.Equal(Path.Combine("llm", "tiny-chat.gguf"), file.TextContent);
        await card.ClickAsync("[data-testid=setup-file]");
        await card.ClickAsync("[data-testid=setup-save]");
        card.WaitForElement("[data-testid=setup-saved-ok]", TimeSpan.FromSeconds(30));

        var selected = _app.Services.GetRequiredService<EngineRegistry>().Selected(EngineCapability.Text)!;
        Assert.Equal((EngineSettingsStore.EngineName, "llamasharp"), (selected.Definition.Name, selected.Definition.Type));
        Assert.Equal(Path.Combine(_models, "llm", "tiny-chat.gguf"), selected.Definition.Settings["Path"]);
        await using var db = await _app.Services.GetRequiredService<WorkBrainDbContextFactory>().CreateDbContextAsync();
        Assert.Equal(["Engines:Default:Text", "Engines:Text:setup:Path", "Engines:Text:setup:Type"], (await db.EngineSettings.Select(s => s.Key).ToListAsync()).Order(StringComparer.Ordinal));
    }
}
