using System.Net.Http.Headers;
using System.Text.Json;

namespace WorkBrain.Web.Setup;

/// <summary>What an OpenAI-compatible server answered to GET /models: its model ids, or why it could not be reached.</summary>
public sealed record ProbeResult(IReadOnlyList<string> Models, string? Error);

/// <summary>Asks a model server which models it serves (the setup card's "test" button). Admins only.</summary>
public sealed class ModelServerProbe(IHttpClientFactory clients)
{
    public async Task<ProbeResult> ListModelsAsync(string endpoint, string? apiKey, CancellationToken cancellationToken = default)
    {
        if (!Uri.TryCreate(endpoint.Trim().TrimEnd('/') + "/models", UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
        {
            return new([], "invalid-url");
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (!string.IsNullOrWhiteSpace(apiKey))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey.Trim());
        }

        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(10));
            using var response = await clients.CreateClient(nameof(ModelServerProbe)).SendAsync(request, timeout.Token);
            if (!response.IsSuccessStatusCode)
            {
                return new([], $"HTTP {(int)response.StatusCode}");
            }

            using var json = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(timeout.Token), cancellationToken: timeout.Token);
            var models = json.RootElement.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Array
                ? data.EnumerateArray().Select(m => m.TryGetProperty("id", out var id) ? id.GetString() : null).OfType<string>().Order(StringComparer.Ordinal).ToList()
                : [];
            return new(models, null);
        }
        catch (Exception ex) when (ex is HttpRequestException or JsonException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return new([], ex is OperationCanceledException ? "timeout" : ex.Message);
        }
    }
}
