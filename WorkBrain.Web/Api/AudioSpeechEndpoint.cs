using System.Text.Json;
using System.Text.Json.Nodes;
using WorkBrain.Core.Experts;
using WorkBrain.Core.Speech.Audio;
using WorkBrain.Core.Speech.Tts;

namespace WorkBrain.Web.Api;

/// <summary>POST /v1/audio/speech (JSON: model, input, voice, response_format): the text read aloud by the same
/// synthesizer as the tts expert, returned as WAV or encoded by ffmpeg (mp3, opus, aac, flac, pcm).</summary>
internal static class AudioSpeechEndpoint
{
    public const int MaxInputLength = 4096;

    public static async Task<IResult> HandleAsync(HttpContext context, ISpeechSynthesizer synthesizer)
    {
        var ct = context.RequestAborted;
        string input;
        string format;
        try
        {
            var body = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: ct) ?? throw new FormatException("The body is empty.");
            input = body["input"]?.GetValue<string>() ?? throw new FormatException("'input' is required.");
            format = body["response_format"]?.GetValue<string>() ?? "mp3";
        }
        catch (Exception ex) when (ex is FormatException or JsonException or InvalidOperationException)
        {
            return OpenAiError.Result(400, $"Bad request: {ex.Message}");
        }

        if (string.IsNullOrWhiteSpace(input))
        {
            return OpenAiError.Result(400, "'input' is empty: send the text to read aloud.");
        }

        if (input.Length > MaxInputLength)
        {
            return OpenAiError.Result(400, $"'input' is {input.Length} characters long; the limit is {MaxInputLength}.");
        }

        if (!SpeechEncoder.IsSupported(format))
        {
            return OpenAiError.Result(400, $"response_format '{format}' is not supported: use {string.Join(", ", SpeechEncoder.Supported)}.");
        }

        var status = synthesizer.GetStatus();
        if (status.State is ExpertState.NotConfigured or ExpertState.NotDownloaded or ExpertState.Failed)
        {
            return OpenAiError.Result(503, $"Text to speech is not available: {status.Detail}", "server_error", "expert_unavailable");
        }

        try
        {
            var clip = await synthesizer.SynthesizeAsync(input, ct);
            var (bytes, contentType) = await SpeechEncoder.EncodeAsync(WavFile.Write(clip), format, ct);
            return Results.Bytes(bytes, contentType);
        }
        catch (ExpertException ex)
        {
            return OpenAiError.Result(400, ex.Message);
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return OpenAiError.Result(500, $"The speech could not be encoded as {format}: {ex.Message}", "server_error");
        }
    }
}
