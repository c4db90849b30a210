using System.Text.Encodings.Web;
using System.Text.Json;
using WorkBrain.Core.Hosting;

namespace WorkBrain.Web.Conversations.Feedback;

/// <summary><c>feedback export [--out FILE]</c>: every user's "re-run on" choice as one JSON line
/// <c>{"text", "labels", "source": "feedback"}</c>, the input of <c>models/gate/train.py --feedback FILE</c>.</summary>
internal sealed class FeedbackCommand(RoutingFeedbackReader reader) : ICliCommand
{
    private static readonly JsonWriterOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public string Name => "feedback";

    public string Usage => "feedback export [--out FILE]   routing feedback (re-runs on chosen experts) as JSON lines";

    public async Task<int> RunAsync(IReadOnlyList<string> args, TextReader input, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (args.Count == 0 || args[0] != "export" || !TryParseOut(args, out var outPath))
        {
            await error.WriteLineAsync($"Usage: {Usage}");
            return 2;
        }

        var file = outPath is null ? null : new StreamWriter(outPath, append: false, new System.Text.UTF8Encoding(false));
        var writer = file ?? output;
        var count = 0;
        try
        {
            await foreach (var feedback in reader.ReadAllAsync(cancellationToken))
            {
                await writer.WriteLineAsync(Format(feedback));
                count++;
            }

            await writer.FlushAsync(cancellationToken);
        }
        finally
        {
            if (file is not null)
            {
                await file.DisposeAsync();
            }
        }

        await error.WriteLineAsync($"{count} feedback line(s) exported{(outPath is null ? "" : " to " + outPath)}.");
        return 0;
    }

    internal static string Format(RoutingFeedback feedback)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, Json))
        {
            json.WriteStartObject();
            json.WriteString("text", feedback.Text);
            json.WriteStartArray("labels");
            foreach (var label in feedback.Labels)
            {
                json.WriteStringValue(label);
            }

            json.WriteEndArray();
            json.WriteString("source", "feedback");
            json.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static bool TryParseOut(IReadOnlyList<string> args, out string? outPath)
    {
        outPath = null;
        for (var i = 1; i < args.Count; i++)
        {
            if (args[i] == "--out" && i + 1 < args.Count && args[i + 1].Length > 0)
            {
                outPath = args[++i];
            }
            else
            {
                return false;
            }
        }

        return true;
    }
}
