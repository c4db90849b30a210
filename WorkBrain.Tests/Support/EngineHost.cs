using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using WorkBrain.Core.Engines;
using WorkBrain.Core.Hosting;

namespace WorkBrain.Tests.Support;

/// <summary>The engine's production composition root (AddWorkBrainEngine and the store) with the given settings, for
/// tests of engines and of the experts that use them.</summary>
internal static class EngineHost
{
    public static IHost Build(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = TestModels.RepositoryRoot, DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddWorkBrainEngine();
        WorkBrain.Web.Data.StorageExtensions.AddStorage(builder);
        return builder.Build();
    }

    /// <summary>What an expert asks for: the engine the registry selected for <typeparamref name="TClient"/>'s capability.</summary>
    public static SelectedEngine<TClient> Selected<TClient>(IHost host) where TClient : class =>
        host.Services.GetRequiredService<SelectedEngine<TClient>>();
}
