namespace WorkBrain.Web.Setup;

public static class SetupExtensions
{
    /// <summary>The first-run setup card's services: the model server probe, and the engine settings it saves in the
    /// database, layered over the bootstrap configuration (appsettings.json, environment, command line) and applied
    /// without a restart.</summary>
    public static IHostApplicationBuilder AddSetup(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var saved = new SavedSettingsConfiguration();
        builder.Configuration.Sources.Add(saved);
        builder.Services.AddSingleton(saved);
        builder.Services.AddOptions<SetupOptions>().BindConfiguration(SetupOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<EngineSettingsStore>();
        builder.Services.AddHostedService<EngineSettingsLoader>();
        builder.Services.AddHttpClient(nameof(ModelServerProbe));
        builder.Services.AddSingleton<ModelServerProbe>();
        return builder;
    }
}
