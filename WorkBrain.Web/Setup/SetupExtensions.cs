namespace WorkBrain.Web.Setup;

public static class SetupExtensions
{
    /// <summary>The first-run setup card's services: the model server probe.</summary>
    public static IHostApplicationBuilder AddSetup(this IHostApplicationBuilder builder)
    {
        builder.Services.AddHttpClient(nameof(ModelServerProbe));
        builder.Services.AddSingleton<ModelServerProbe>();
        return builder;
    }
}
