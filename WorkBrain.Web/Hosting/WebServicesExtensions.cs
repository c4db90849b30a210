using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;
using MudBlazor.Services;
using WorkBrain.Core.Storage;
using WorkBrain.Web.Accounts;
using WorkBrain.Web.Api;
using WorkBrain.Web.Observability;
using WorkBrain.Web.Components;
using WorkBrain.Web.Conversations;
using WorkBrain.Web.Conversations.Feedback;
using WorkBrain.Web.Data;
using WorkBrain.Web.Files;
using WorkBrain.Web.Hubs;
using WorkBrain.Web.Localization;
using WorkBrain.Web.Rendering;
using WorkBrain.Web.Scale;
using WorkBrain.Web.Security;
using WorkBrain.Web.Setup;
using WorkBrain.Web.Uploads;

namespace WorkBrain.Web.Hosting;

public static class WebServicesExtensions
{
    /// <summary>The web app's composition root: Blazor, MudBlazor, storage, conversations, the hub.</summary>
    public static IHostApplicationBuilder AddWebServices(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        // The circuit and the hub carry whole messages up to the documented maximum length.
        var limits = builder.Configuration.GetSection(MessageLimitsOptions.Section).Get<MessageLimitsOptions>() ?? new MessageLimitsOptions();
        services.AddOptions<MessageLimitsOptions>().BindConfiguration(MessageLimitsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddRazorComponents().AddInteractiveServerComponents().AddHubOptions(o => o.MaximumReceiveMessageSize = limits.ReceiveBufferBytes);
        services.AddMudServices();
        services.AddSignalR(o => o.MaximumReceiveMessageSize = limits.ReceiveBufferBytes);
        services.AddOptions<HubStreamOptions>().BindConfiguration(HubStreamOptions.Section);
        services.AddCascadingAuthenticationState();
        builder.AddAccounts();
        builder.AddSecurity();
        builder.AddWebLocalization();
        builder.AddDashboardHistory();
        builder.AddSetup();
        services.AddSingleton<MarkdownRenderer>();

        builder.AddStorage();
        services.AddOptions<UploadOptions>().BindConfiguration(UploadOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<UploadService>();
        services.AddSingleton<ChatStore>();
        services.AddSingleton<ConversationService>();
        services.AddSingleton<RoutingFeedbackReader>();
        services.AddSingleton<RoutingFeedbackEvaluator>();
        services.AddSingleton<WorkBrain.Core.Hosting.ICliCommand, FeedbackCommand>();

        builder.AddScale();
        builder.AddApi();
        builder.AddObservability();
        return builder;
    }

    public static WebApplication UseWebServices(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseSecurity();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error", createScopeForErrors: true);
        }

        var assets = Path.Combine(AppContext.BaseDirectory, "wwwroot-assets");
        if (Directory.Exists(assets))
        {
            app.UseStaticFiles(new StaticFileOptions { FileProvider = new PhysicalFileProvider(assets), RequestPath = "/assets" });
        }

        app.UseWebLocalization();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseAntiforgery();
        app.MapStaticAssets().AllowAnonymous();
        app.MapAccountEndpoints();
        app.MapCultureEndpoint();
        app.MapFileEndpoints();
        app.MapUploadEndpoints();
        app.MapDocumentEndpoints();
        app.MapOpenAiEndpoints();
        app.MapObservability();
        app.MapHub<BrainHub>("/hubs/brain");
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }
}
