using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using WorkBrain.Tests.Support;
using WorkBrain.Web.Data;
using WorkBrain.Web.Setup;

namespace WorkBrain.Tests.Web.Setup;

/// <summary>The saved engine settings on each storage provider: keys protected at rest, published decrypted to the
/// configuration, kept when the admin saves again without retyping them.</summary>
public abstract class EngineSettingsStoreTests : IAsyncLifetime
{
    private readonly IDataProtectionProvider _protection = new EphemeralDataProtectionProvider();
    private TestDatabase _database = null!;

    protected abstract string Provider { get; }

    public async Task InitializeAsync() => _database = await TestDatabase.CreateAsync(Provider);

    public async Task DisposeAsync() => await _database.DisposeAsync();

    private (EngineSettingsStore Store, IConfiguration Configuration) NewStore()
    {
        var saved = new SavedSettingsConfiguration();
        var configuration = new ConfigurationBuilder().Add(saved).Build();
        return (new EngineSettingsStore(_database.CreateFactory(), saved, _protection, NullLogger<EngineSettingsStore>.Instance), configuration);
    }

    [Fact]
    public async Task Save_ServerWithKey_ProtectedAtRestAndPublishedAfterRestart()
    {
        var (store, _) = NewStore();
        await store.SaveAsync(new Dictionary<string, EngineChoice?> { ["Text"] = new("openai", "http://127.0.0.1:9/v1", "m1", "sk-abcdefghijkl1234") });

        var (restarted, configuration) = NewStore();
        await restarted.LoadAsync();

        Assert.Equal("sk-abcdefghijkl1234", configuration["Engines:Text:setup:ApiKey"]);
        Assert.Equal(("openai", "m1", "setup"), (configuration["Engines:Text:setup:Type"], configuration["Engines:Text:setup:Model"], configuration["Engines:Default:Text"]));
        Assert.Equal("••••1234", restarted.Saved["Text"].MaskedKey);
        await using var db = await _database.CreateFactory().CreateDbContextAsync();
        Assert.DoesNotContain(await db.EngineSettings.ToListAsync(), s => s.Value.Contains("sk-abcdefghijkl1234", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Save_AgainWithoutKey_SameEndpointKeepsTheKeyOtherEndpointDropsIt()
    {
        var (store, configuration) = NewStore();
        await store.SaveAsync(new Dictionary<string, EngineChoice?> { ["Text"] = new("openai", "http://127.0.0.1:9/v1", "m1", "sk-abcdefghijkl1234") });

        await store.SaveAsync(new Dictionary<string, EngineChoice?> { ["Text"] = new("openai", "http://127.0.0.1:9/v1/", "m2") });
        Assert.Equal(("m2", "sk-abcdefghijkl1234"), (configuration["Engines:Text:setup:Model"], configuration["Engines:Text:setup:ApiKey"]));

        await store.SaveAsync(new Dictionary<string, EngineChoice?> { ["Text"] = new("openai", "http://127.0.0.1:10/v1", "m3") });
        Assert.Null(configuration["Engines:Text:setup:ApiKey"]);
    }

    [Fact]
    public async Task Load_KeyProtectedWithLostKeys_MarkedUnreadableNotThrown()
    {
        var (store, _) = NewStore();
        await store.SaveAsync(new Dictionary<string, EngineChoice?> { ["Text"] = new("openai", "http://127.0.0.1:9/v1", "m1", "sk-abcdefghijkl1234") });

        var other = new EngineSettingsStore(_database.CreateFactory(), new SavedSettingsConfiguration(), new EphemeralDataProtectionProvider(), NullLogger<EngineSettingsStore>.Instance);
        await other.LoadAsync();

        Assert.True(other.Saved["Text"].KeyUnreadable);
        Assert.Null(other.Saved["Text"].MaskedKey);
    }

    [Theory]
    [InlineData("Sound", "http://127.0.0.1:9/v1")]
    [InlineData("Text", "file:///etc/passwd")]
    [InlineData("Text", null)]
    public async Task Save_BadChoice_RefusedAndNothingWritten(string capability, string? endpoint)
    {
        var (store, _) = NewStore();

        await Assert.ThrowsAsync<ArgumentException>(() => store.SaveAsync(new Dictionary<string, EngineChoice?> { [capability] = new("openai", endpoint, "m") }));

        await using var db = await _database.CreateFactory().CreateDbContextAsync();
        Assert.Empty(await db.EngineSettings.ToListAsync());
    }
}

public sealed class SqliteEngineSettingsStoreTests : EngineSettingsStoreTests
{
    protected override string Provider => "sqlite";
}

public sealed class PostgresEngineSettingsStoreTests : EngineSettingsStoreTests
{
    protected override string Provider => "postgres";
}
