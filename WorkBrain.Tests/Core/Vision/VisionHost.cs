using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using WorkBrain.Core.Experts;
using WorkBrain.Core.Models;
using WorkBrain.Core.Text;
using WorkBrain.Core.Vision;
using WorkBrain.Tests.Support;

namespace WorkBrain.Tests.Core.Vision;

/// <summary>A service provider with AddVision over the real models, an optional fake text model and fake VLM.</summary>
internal static class VisionHost
{
    public static ServiceProvider Build(
        IChatClient? textModel = null, IChatClient? vlm = null, Dictionary<string, string?>? settings = null, Action<IServiceCollection>? configure = null)
    {
        var config = new Dictionary<string, string?> { ["Models:Directory"] = TestModels.RequireRealModel(".") };
        foreach (var (k, v) in settings ?? [])
        {
            config[k] = v;
        }

        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(config).Build());
        services.AddLogging();
        services.AddOptions<ModelsOptions>().BindConfiguration(ModelsOptions.Section);
        services.AddOptions<TextGenerationOptions>().BindConfiguration(TextGenerationOptions.Section);
        services.AddFakeEngine(textModel, inProcess: true);
        if (vlm is not null)
        {
            services.AddSingleton<IVisionLanguageModel>(new FakeVlm(vlm));
        }

        services.AddVision();
        configure?.Invoke(services);
        return services.BuildServiceProvider();
    }

    public static T Expert<T>(this IServiceProvider provider) where T : IExpert => provider.GetServices<IExpert>().OfType<T>().Single();

    private sealed class FakeVlm(IChatClient client) : IVisionLanguageModel
    {
        public string? Description => "fake-vlm at http://test";

        public IChatClient? Client => client;
    }
}
