using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using WorkBrain.Core.Files;
using WorkBrain.Core.Speech;

namespace WorkBrain.Benchmarks;

/// <summary>The speech services as the app composes them (engines chosen by the registry) from the settings given.</summary>
internal static class SpeechServices
{
    public static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddLogging();
        services.AddSingleton<IFileStore, DiskFileStore>();
        services.AddSpeech();
        return services.BuildServiceProvider();
    }
}
