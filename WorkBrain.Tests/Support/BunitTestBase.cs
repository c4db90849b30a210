using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using WorkBrain.Web.Localization;
using WorkBrain.Web.Rendering;

namespace WorkBrain.Tests.Support;

/// <summary>bUnit with MudBlazor: loose JS interop, MudBlazor services, disposed asynchronously.</summary>
public abstract class BunitTestBase : IAsyncLifetime
{
    protected BunitContext Context { get; } = new();

    protected BunitTestBase()
    {
        Context.JSInterop.Mode = JSRuntimeMode.Loose;
        Context.Services.AddMudServices();
        Context.Services.AddLocalization();
        Context.Services.AddSingleton<MarkdownRenderer>();
        Context.Services.AddScoped<BrowserTimeZone>();
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await Context.DisposeAsync();
}
