using System.Globalization;
using WorkBrain.Core.Experts;
using WorkBrain.Core.Speech;
using WorkBrain.Core.Turns;
using WorkBrain.Web.Accounts;
using WorkBrain.Web.Uploads;

namespace WorkBrain.Web.Api;

/// <summary>POST /v1/audio/transcriptions (multipart: file, model, language, response_format json|text|verbose_json):
/// the upload is checked and stored like any other, then transcribed by the same transcriber as the asr expert.</summary>
internal static class AudioTranscriptionEndpoint
{
    private static readonly string[] Formats = ["json", "text", "verbose_json"];

    public static async Task<IResult> HandleAsync(HttpContext context, ISpeechTranscriber transcriber, UploadService uploads, CurrentUser currentUser)
    {
        var ct = context.RequestAborted;
        if (!context.Request.HasFormContentType)
        {
            return OpenAiError.Result(400, "Send the audio as multipart/form-data with a 'file' field and a 'model' field.");
        }

        var form = await context.Request.ReadFormAsync(ct);
        var file = form.Files.GetFile("file");
        if (file is null || file.Length == 0)
        {
            return OpenAiError.Result(400, "The 'file' field with the audio is required.");
        }

        var format = string.IsNullOrWhiteSpace(form["response_format"]) ? "json" : form["response_format"].ToString();
        if (!Formats.Contains(format))
        {
            return OpenAiError.Result(400, $"response_format '{format}' is not supported: use json, text or verbose_json.");
        }

        var status = transcriber.GetStatus();
        if (status.State is ExpertState.NotConfigured or ExpertState.NotDownloaded or ExpertState.Failed)
        {
            return OpenAiError.Result(503, $"Speech recognition is not available: {status.Detail}", "server_error", "expert_unavailable");
        }

        Attachment upload;
        try
        {
            await using var stream = file.OpenReadStream();
            upload = await uploads.SaveAsync(currentUser.IdOf(context.User), file.FileName, file.ContentType, stream, ct);
        }
        catch (UploadRejectedException ex)
        {
            return OpenAiError.Result(400, ex.Message);
        }

        if (upload.Kind is not (AttachmentKind.Audio or AttachmentKind.Video))
        {
            return OpenAiError.Result(400, $"{upload.FileName} is not audio ({upload.ContentType}): send WAV, MP3, OGG, WebM, M4A or a video with sound.");
        }

        var language = string.IsNullOrWhiteSpace(form["language"]) ? null : form["language"].ToString().Trim().ToLowerInvariant();
        Transcript transcript;
        try
        {
            transcript = await transcriber.TranscribeAsync(upload.StoredPath, language, ct);
        }
        catch (ExpertException ex)
        {
            return OpenAiError.Result(400, ex.Message);
        }

        return format switch
        {
            "text" => Results.Text(transcript.Text + "\n", "text/plain; charset=utf-8"),
            "verbose_json" => Results.Json(Verbose(transcript)),
            _ => Results.Json(new { text = transcript.Text }),
        };
    }

    private static object Verbose(Transcript transcript)
    {
        var segments = transcript.Segments.Select((s, i) => new
        {
            id = i,
            seek = (int)(s.StartSeconds * 100),
            start = s.StartSeconds,
            end = s.EndSeconds,
            text = s.Text,
            tokens = Array.Empty<int>(),
            temperature = 0.0,
            avg_logprob = 0.0,
            compression_ratio = 0.0,
            no_speech_prob = 0.0,
        }).ToList();
        return new
        {
            task = "transcribe",
            language = LanguageName(transcript.Language),
            duration = transcript.Segments.Count == 0 ? 0 : transcript.Segments[^1].EndSeconds,
            text = transcript.Text,
            segments,
        };
    }

    /// <summary>OpenAI names the language in English ("english"); fall back to the code when it is unknown.</summary>
    private static string LanguageName(string code)
    {
        try
        {
            return string.IsNullOrEmpty(code) ? "" : CultureInfo.GetCultureInfo(code).EnglishName.ToLowerInvariant();
        }
        catch (CultureNotFoundException)
        {
            return code;
        }
    }
}
