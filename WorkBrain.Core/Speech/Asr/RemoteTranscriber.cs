using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Options;
using WorkBrain.Core.Experts;

namespace WorkBrain.Core.Speech.Asr;

/// <summary>An OpenAI-compatible <c>POST {Endpoint}/audio/transcriptions</c> server (faster-whisper-server, speaches,
/// LocalAI, vLLM…): the file goes as multipart form data, verbose_json brings the language and timed segments.</summary>
internal sealed class RemoteTranscriber(IOptions<AsrOptions> options) : ISpeechTranscriber, IDisposable
{
    private readonly HttpClient _http = new() { Timeout = Timeout.InfiniteTimeSpan };

    public ExpertStatus GetStatus()
    {
        var o = options.Value;
        return o.HasRemote
            ? new ExpertStatus(ExpertIds.Asr, ExpertState.Ready, "remote server", "", $"{o.Endpoint}", o.Model)
            : new ExpertStatus(ExpertIds.Asr, ExpertState.NotConfigured, "remote server", "",
                "Set Asr:Endpoint to an OpenAI-compatible server with /v1/audio/transcriptions and Asr:Model to its model name.");
    }

    public async Task<Transcript> TranscribeAsync(string audioPath, string? language = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(audioPath);
        var o = options.Value;
        if (!o.HasRemote)
        {
            throw new ExpertException(GetStatus().Detail);
        }

        if (!File.Exists(audioPath))
        {
            throw new ExpertException($"The audio file {Path.GetFileName(audioPath)} does not exist.");
        }

        using var form = new MultipartFormDataContent();
        var file = new StreamContent(File.OpenRead(audioPath));
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "file", Path.GetFileName(audioPath));
        form.Add(new StringContent(o.Model), "model");
        form.Add(new StringContent("verbose_json"), "response_format");
        var lang = string.IsNullOrWhiteSpace(language) ? o.Language : language;
        if (!string.IsNullOrWhiteSpace(lang))
        {
            form.Add(new StringContent(lang), "language");
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, $"{o.Endpoint!.TrimEnd('/')}/audio/transcriptions") { Content = form };
        if (!string.IsNullOrWhiteSpace(o.ApiKey))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", o.ApiKey);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(o.TimeoutSeconds));
        string body;
        try
        {
            using var response = await _http.SendAsync(request, timeout.Token).ConfigureAwait(false);
            body = await response.Content.ReadAsStringAsync(timeout.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw new ExpertException($"The speech server answered {(int)response.StatusCode}: {Shorten(body)}");
            }
        }
        catch (HttpRequestException e)
        {
            throw new ExpertException($"The speech server at {o.Endpoint} could not be reached: {e.Message}", e);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ExpertException($"The speech server did not answer within {o.TimeoutSeconds} s.", e);
        }

        return Parse(body, lang);
    }

    internal static Transcript Parse(string body, string? language)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            var root = doc.RootElement;
            var text = root.TryGetProperty("text", out var t) ? t.GetString() ?? "" : "";
            var lang = root.TryGetProperty("language", out var l) ? l.GetString() ?? "" : language ?? "";
            var segments = new List<TranscriptSegment>();
            if (root.TryGetProperty("segments", out var s) && s.ValueKind == JsonValueKind.Array)
            {
                foreach (var seg in s.EnumerateArray())
                {
                    segments.Add(new TranscriptSegment(seg.GetProperty("start").GetDouble(), seg.GetProperty("end").GetDouble(),
                        (seg.GetProperty("text").GetString() ?? "").Trim()));
                }
            }

            return new Transcript(text.Trim(), lang, segments);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new ExpertException($"The speech server's answer is not a transcription: {Shorten(body)}", e);
        }
    }

    private static string Shorten(string s) => s.Length > 300 ? s[..300] + "…" : s;

    public void Dispose() => _http.Dispose();
}
