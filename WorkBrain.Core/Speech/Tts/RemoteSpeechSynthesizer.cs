using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.Extensions.Options;
using WorkBrain.Core.Experts;
using WorkBrain.Core.Speech.Audio;

namespace WorkBrain.Core.Speech.Tts;

/// <summary>An OpenAI-compatible <c>POST {Endpoint}/audio/speech</c> server asked for WAV; other formats are decoded by ffmpeg.</summary>
internal sealed class RemoteSpeechSynthesizer(IOptions<TtsOptions> options) : ISpeechSynthesizer, IDisposable
{
    private readonly HttpClient _http = new() { Timeout = Timeout.InfiniteTimeSpan };

    public ExpertStatus GetStatus()
    {
        var o = options.Value;
        return o.HasRemote
            ? new ExpertStatus(ExpertIds.Tts, ExpertState.Ready, "remote server", "", $"{o.Endpoint} voice {o.Voice}", o.Model)
            : new ExpertStatus(ExpertIds.Tts, ExpertState.NotConfigured, "remote server", "",
                "Set Tts:Endpoint to an OpenAI-compatible server with /v1/audio/speech (and Tts:Model, Tts:Voice).");
    }

    public async Task<AudioClip> SynthesizeAsync(string text, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        var o = options.Value;
        if (!o.HasRemote)
        {
            throw new ExpertException(GetStatus().Detail);
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, $"{o.Endpoint!.TrimEnd('/')}/audio/speech")
        {
            Content = JsonContent.Create(new { model = o.Model, input = text, voice = o.Voice, response_format = "wav" }),
        };
        if (!string.IsNullOrWhiteSpace(o.ApiKey))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", o.ApiKey);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(o.TimeoutSeconds));
        byte[] body;
        try
        {
            using var response = await _http.SendAsync(request, timeout.Token).ConfigureAwait(false);
            body = await response.Content.ReadAsByteArrayAsync(timeout.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                var message = System.Text.Encoding.UTF8.GetString(body.AsSpan(0, Math.Min(body.Length, 300)));
                throw new ExpertException($"The speech server answered {(int)response.StatusCode}: {message}");
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

        if (body.AsSpan().StartsWith("RIFF"u8))
        {
            return WavFile.Read(body);
        }

        var temp = Path.Combine(Path.GetTempPath(), $"workbrain-tts-{Guid.NewGuid():N}.audio");
        await File.WriteAllBytesAsync(temp, body, cancellationToken).ConfigureAwait(false);
        try
        {
            return await new AudioConverter().LoadAsync(temp, 24000, 0, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    public void Dispose() => _http.Dispose();
}
