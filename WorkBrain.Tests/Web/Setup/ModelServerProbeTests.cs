using Microsoft.Extensions.DependencyInjection;
using WorkBrain.Tests.Support;
using WorkBrain.Web.Setup;

namespace WorkBrain.Tests.Web.Setup;

/// <summary>The setup card's "test" button, resolved from the app's own registrations.</summary>
public sealed class ModelServerProbeTests : IAsyncLifetime
{
    private FakeOpenAiServer _llm = default!;
    private WorkBrainAppFactory _app = default!;

    public async Task InitializeAsync()
    {
        _llm = await FakeOpenAiServer.StartAsync();
        _app = new WorkBrainAppFactory();
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _llm.DisposeAsync();
    }

    [Fact]
    public async Task ListModels_OpenAiCompatibleServer_ReturnsItsModels()
    {
        var probe = _app.Services.GetRequiredService<ModelServerProbe>();

        var result = await probe.ListModelsAsync(_llm.BaseUrl + "/", "sk-test");

        Assert.Null(result.Error);
        Assert.Equal(["fake-model"], result.Models);
    }

    [Theory]
    [InlineData("not a url")]
    [InlineData("file:///etc/passwd")]
    public async Task ListModels_NotAnHttpAddress_SaysSoWithoutAsking(string url)
    {
        var probe = _app.Services.GetRequiredService<ModelServerProbe>();

        var result = await probe.ListModelsAsync(url, null);

        Assert.Equal("invalid-url", result.Error);
        Assert.Empty(result.Models);
    }

    [Fact]
    public async Task ListModels_NothingListening_ReportsTheFailure()
    {
        var probe = _app.Services.GetRequiredService<ModelServerProbe>();

        var result = await probe.ListModelsAsync("http://127.0.0.1:9/v1", null);

        Assert.NotNull(result.Error);
        Assert.Empty(result.Models);
    }
}
