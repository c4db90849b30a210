using Microsoft.EntityFrameworkCore;
using WorkBrain.Core.Documents.Storage;
using WorkBrain.Core.Hosting;
using WorkBrain.Web.Conversations;

namespace WorkBrain.Web.Data;

internal static class StorageExtensions
{
    /// <summary>The one database (Storage:Provider sqlite or postgres) for accounts, chat, API keys and documents; migrations
    /// at start-up, recovery of answers a crash cut short, and the <c>db</c> command.</summary>
    public static IHostApplicationBuilder AddStorage(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<WorkBrainDbContextFactory>();
        services.AddSingleton<IDbContextFactory<WorkBrainDbContext>>(sp => sp.GetRequiredService<WorkBrainDbContextFactory>());
        services.AddSingleton<IDocumentDbContextFactory>(sp => sp.GetRequiredService<WorkBrainDbContextFactory>());
        services.AddScoped<WorkBrainDbContext>(sp => sp.GetRequiredService<WorkBrainDbContextFactory>().CreateDbContext());
        services.AddOptions<StreamWriteOptions>().BindConfiguration(StreamWriteOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<AnswerWriteQueue>();
        services.AddSingleton<AnswerRecovery>();
        services.AddHostedService<DatabaseStartup>();
        services.AddSingleton<ICliCommand, DbCommand>();
        return builder;
    }
}
