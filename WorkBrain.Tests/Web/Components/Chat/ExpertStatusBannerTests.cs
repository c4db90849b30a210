using Bunit;
using Microsoft.Extensions.DependencyInjection;
using WorkBrain.Core.Events;
using WorkBrain.Core.Experts;
using WorkBrain.Core.Orchestration;
using WorkBrain.Tests.Support;
using WorkBrain.Web.Accounts;
using WorkBrain.Web.Components.Pages.Chat;

namespace WorkBrain.Tests.Web.Components.Chat;

/// <summary>The chat's banner when no text model answers: a plain sentence for users; what is missing, in words, and a
/// link to the setup card for admins; nothing once the model is ready.</summary>
public sealed class ExpertStatusBannerTests : BunitTestBase
{
    private const string Missing = "qwen2.5-0.5b-instruct is not downloaded (/srv/workbrain/models/llm/qwen2.5-0.5b-instruct); run models pull qwen2.5-0.5b-instruct.";

    private void TextModel(ExpertState state, bool admin)
    {
        Context.Services.AddSingleton(new ExpertRegistry([new StatusOnly(new ExpertStatus(ExpertIds.TextGeneration, state, "local ONNX", "CPU", Missing))]));
        var auth = Context.AddAuthorization();
        auth.SetAuthorized(admin ? "admin@example.com" : "user@example.com");
        if (admin)
        {
            auth.SetPolicies(AdminRequirement.Policy);
        }
    }

    [Fact]
    public void Render_NoTextModel_UserReadsAPlainSentence_WithoutTheFixOrPaths()
    {
        TextModel(ExpertState.NotDownloaded, admin: false);

        var cut = Context.Render<ExpertStatusBanner>();

        var banner = cut.Find("[data-testid=text-model-status]").TextContent;
        Assert.Contains("Text answers are not set up on this server yet", banner, StringComparison.Ordinal);
        Assert.DoesNotContain("models pull", banner, StringComparison.Ordinal);
        Assert.DoesNotContain("/srv/", banner, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid=banner-setup]"));
    }

    [Fact]
    public void Render_NoTextModel_AdminReadsTheEndpointAndWhatIsMissing_AndALinkToTheSetupCard()
    {
        TextModel(ExpertState.NotDownloaded, admin: true);

        var cut = Context.Render<ExpertStatusBanner>();

        var banner = cut.Find("[data-testid=text-model-status]").TextContent;
        Assert.Contains("TextGeneration:Endpoint", banner, StringComparison.Ordinal);
        Assert.Contains("models pull qwen2.5-0.5b-instruct", banner, StringComparison.Ordinal);
        Assert.DoesNotContain("/srv/", banner, StringComparison.Ordinal);
        Assert.Equal("admin#setup", cut.Find("[data-testid=banner-setup]").GetAttribute("href"));
    }

    [Fact]
    public void Render_TextModelReady_NoBanner()
    {
        TextModel(ExpertState.Ready, admin: true);

        var cut = Context.Render<ExpertStatusBanner>();

        Assert.Empty(cut.FindAll("[data-testid=text-model-status]"));
    }

    private sealed class StatusOnly(ExpertStatus status) : IExpert
    {
        public string Id => status.ExpertId;

        public ExpertStatus GetStatus() => status;

        public IAsyncEnumerable<BrainEvent> RunAsync(ExpertRequest request, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException("only its status is shown");
    }
}
