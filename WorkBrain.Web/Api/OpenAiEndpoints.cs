using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using WorkBrain.Core.Events;
using WorkBrain.Core.Experts;
using WorkBrain.Core.Files;
using WorkBrain.Core.Orchestration;
using WorkBrain.Core.Text;
using WorkBrain.Core.Turns;
using WorkBrain.Web.Accounts;

namespace WorkBrain.Web.Api;

/// <summary>An OpenAI-compatible API under /v1, per-user API keys, backed by the same Brain and experts as the chat.
/// <c>model: "workbrain"</c> is routed by the gate; an expert id (e.g. "image_generation") goes straight to it.</summary>
internal static class OpenAiEndpoints
{
    public const string RoutedModel = "workbrain";
    public const string Policy = "api";
    public const string RateLimit = "per-user";

    public static IEndpointRouteBuilder MapOpenAiEndpoints(this IEndpointRouteBuilder app)
    {
        var v1 = app.MapGroup("/v1").RequireAuthorization(Policy).RequireRateLimiting(RateLimit).DisableAntiforgery();
        v1.MapGet("/models", ListModels);
        v1.MapPost("/chat/completions", ChatCompletionsAsync);
        v1.MapPost("/audio/transcriptions", AudioTranscriptionEndpoint.HandleAsync);
        v1.MapPost("/audio/speech", AudioSpeechEndpoint.HandleAsync);
        v1.MapPost("/images/generations", ImageGenerationEndpoint.HandleAsync);
        v1.MapPost("/embeddings", (Delegate)EmbeddingsEndpoint.HandleAsync);
        return app;
    }

    private static IResult ListModels(ExpertRegistry experts, IOptions<TextGenerationOptions> text)
    {
        var models = new List<object> { Model(RoutedModel, "WorkBrain: routed by the gate to one or more experts") };
        models.AddRange(experts.Statuses().Select(s => Model(s.ExpertId, $"{experts.Catalog.DisplayName(s.ExpertId)} ({s.State})")));
        return Results.Json(new { @object = "list", data = models });

        static object Model(string id, string description) => new { id, @object = "model", created = 0, owned_by = "workbrain", description };
    }

    private static async Task ChatCompletionsAsync(HttpContext context, IBrain brain, IFileStore files, CurrentUser currentUser, IOptions<TextGenerationOptions> text, ExpertRegistry experts)
    {
        var ct = context.RequestAborted;
        ChatCompletionRequest request;
        try
        {
            var body = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: ct) ?? throw new FormatException("The body is empty.");
            request = ChatCompletionRequest.Parse(body);
        }
        catch (Exception ex) when (ex is FormatException or JsonException or InvalidOperationException)
        {
            await OpenAiError.Result(400, $"Bad request: {ex.Message}").ExecuteAsync(context);
            return;
        }

        IReadOnlyList<string>? forced = request.Model switch
        {
            RoutedModel => null,
            _ when experts.Catalog.IsKnown(request.Model) => [request.Model],
            _ when request.Model == text.Value.Model => [ExpertIds.TextGeneration],
            _ => [],
        };
        if (forced is { Count: 0 })
        {
            await OpenAiError.Result(404, $"The model '{request.Model}' does not exist: use '{RoutedModel}' or an expert id from /v1/models.", code: "model_not_found").ExecuteAsync(context);
            return;
        }

        if (request.NeedsTextModel)
        {
            // The caller's tools and tool results are for the text model only.
            forced = [ExpertIds.TextGeneration];
        }

        var userId = currentUser.IdOf(context.User);
        var attachments = await request.SaveImagesAsync(files, userId, ct);
        var id = "chatcmpl-" + Guid.NewGuid().ToString("N");

        // Each request is a conversation of its own: one user's calls never queue behind another's on a local engine.
        var turn = new Turn(request.Text, attachments, $"api:{userId}:{id}", userId, request.History) { ChatOptions = request.Options };
        var answer = new ChatCompletionAnswer(id, request.Model, context.RequestServices.GetRequiredService<ExpertCatalog>(), context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger<ChatCompletionAnswer>());
        if (request.Stream)
        {
            await answer.StreamAsync(context, brain.AnswerAsync(turn, forced, ct), request.IncludeUsage, ct);
        }
        else
        {
            await answer.CompleteAsync(context, brain.AnswerAsync(turn, forced, ct), ct);
        }
    }
}
