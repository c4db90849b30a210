using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using WorkBrain.Core.Files;
using WorkBrain.Core.Speech;

namespace WorkBrain.Tests.Core.Speech;

/// <summary>The speech services as production composes them (<see cref="SpeechServiceCollectionExtensions.AddSpeech"/>,
/// engines chosen by the registry) from the settings given.</summary>
internal static class SpeechHost
{
    public static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddLogging();
        services.AddSingleton<IFileStore, DiskFileStore>();
        services.AddSpeech();
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }
}
