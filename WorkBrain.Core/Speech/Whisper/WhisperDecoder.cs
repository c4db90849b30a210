using Microsoft.ML.OnnxRuntime.Tensors;

namespace WorkBrain.Core.Speech.Whisper;

/// <summary>The tokens one 30 s window produced and why decoding stopped.</summary>
public sealed record DecodedWindow(string Language, IReadOnlyList<int> Tokens, bool ReachedEndOfText);

/// <summary>Greedy Whisper decoding: language detection from the first step after &lt;|startoftranscript|&gt;, then
/// the transcribe prompt, special tokens suppressed, and Whisper's timestamp rules (pairs, monotonic, first token a
/// timestamp ≤ 1 s, a timestamp chosen when their total probability beats the best text token).</summary>
public static class WhisperDecoder
{
    private const int MaxInitialTimestampIndex = 50;

    public static string DetectLanguage(WhisperOnnxModel model, DenseTensor<float> hidden)
    {
        ArgumentNullException.ThrowIfNull(model);
        var tokenizer = model.Tokenizer;
        var logits = model.NextTokenLogits([tokenizer.StartOfTranscript], hidden);
        var best = -1;
        foreach (var id in tokenizer.Languages.Keys)
        {
            if (id < logits.Length && (best < 0 || logits[id] > logits[best]))
            {
                best = id;
            }
        }

        return tokenizer.Languages[best];
    }

    public static DecodedWindow Decode(WhisperOnnxModel model, DenseTensor<float> hidden, string? language, bool timestamps, int maxNewTokens, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        var tk = model.Tokenizer;
        var code = language is not null && tk.LanguageTokenOf(language) is not null ? language : DetectLanguage(model, hidden);
        var prompt = new List<int> { tk.StartOfTranscript, tk.LanguageTokenOf(code)!.Value, tk.Transcribe };
        if (!timestamps)
        {
            prompt.Add(tk.NoTimestamps);
        }

        var sequence = new List<int>(prompt);
        var generated = new List<int>();
        var limit = Math.Min(maxNewTokens, model.MaxTargetPositions - prompt.Count);
        float[] first = [];
        using var cache = limit > 0 ? model.StartCached(prompt, hidden, out first) : null;
        for (var step = 0; step < limit; step++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var logits = cache is null ? model.NextTokenLogits(sequence, hidden) : step == 0 ? first : cache.Next(sequence[^1]);
            Suppress(logits, tk, generated, timestamps);
            var next = ArgMax(logits);
            if (next == tk.EndOfText)
            {
                return new DecodedWindow(code, generated, true);
            }

            generated.Add(next);
            sequence.Add(next);
        }

        return new DecodedWindow(code, generated, false);
    }

    private static void Suppress(float[] logits, WhisperTokenizer tk, List<int> generated, bool timestamps)
    {
        for (var id = tk.EndOfText + 1; id < Math.Min(tk.TimestampBegin, logits.Length); id++)
        {
            logits[id] = float.NegativeInfinity;
        }

        if (!timestamps)
        {
            for (var id = tk.TimestampBegin; id < logits.Length; id++)
            {
                logits[id] = float.NegativeInfinity;
            }

            return;
        }

        var lastWasTimestamp = generated.Count >= 1 && tk.IsTimestamp(generated[^1]);
        var penultimateWasTimestamp = generated.Count < 2 || tk.IsTimestamp(generated[^2]);
        if (lastWasTimestamp)
        {
            if (penultimateWasTimestamp)
            {
                Fill(logits, tk.TimestampBegin, logits.Length);
            }
            else
            {
                Fill(logits, 0, tk.EndOfText);
            }
        }

        var lastTimestamp = generated.LastOrDefault(tk.IsTimestamp, -1);
        if (lastTimestamp >= 0)
        {
            // Timestamps never go backwards; after a closed pair the next one must move forward.
            var floor = lastWasTimestamp && !penultimateWasTimestamp ? lastTimestamp : lastTimestamp + 1;
            Fill(logits, tk.TimestampBegin, Math.Min(floor, logits.Length));
        }

        if (generated.Count == 0)
        {
            Fill(logits, 0, tk.TimestampBegin);
            Fill(logits, tk.TimestampBegin + MaxInitialTimestampIndex + 1, logits.Length);
            return;
        }

        var textMax = float.NegativeInfinity;
        for (var id = 0; id < tk.TimestampBegin && id < logits.Length; id++)
        {
            textMax = Math.Max(textMax, logits[id]);
        }

        var timestampLogSum = LogSumExp(logits, tk.TimestampBegin, logits.Length);
        if (timestampLogSum > textMax)
        {
            Fill(logits, 0, tk.TimestampBegin);
        }
    }

    private static void Fill(float[] logits, int from, int to)
    {
        for (var i = Math.Max(0, from); i < Math.Min(to, logits.Length); i++)
        {
            logits[i] = float.NegativeInfinity;
        }
    }

    private static float LogSumExp(float[] values, int from, int to)
    {
        var max = float.NegativeInfinity;
        for (var i = from; i < to; i++)
        {
            max = Math.Max(max, values[i]);
        }

        if (float.IsNegativeInfinity(max))
        {
            return max;
        }

        var sum = 0.0;
        for (var i = from; i < to; i++)
        {
            sum += Math.Exp(values[i] - max);
        }

        return max + (float)Math.Log(sum);
    }

    private static int ArgMax(float[] values)
    {
        var best = 0;
        for (var i = 1; i < values.Length; i++)
        {
            if (values[i] > values[best])
            {
                best = i;
            }
        }

        return best;
    }

    /// <summary>Splits generated tokens into timed segments; <paramref name="offsetSeconds"/> is where the window starts,
    /// <paramref name="windowSeconds"/> closes a segment whose end timestamp never came.</summary>
    public static IReadOnlyList<TranscriptSegment> Segments(WhisperTokenizer tokenizer, IReadOnlyList<int> tokens, double offsetSeconds, double windowSeconds)
    {
        ArgumentNullException.ThrowIfNull(tokenizer);
        ArgumentNullException.ThrowIfNull(tokens);
        var segments = new List<TranscriptSegment>();
        var text = new List<int>();
        double? start = null;
        foreach (var token in tokens)
        {
            if (!tokenizer.IsTimestamp(token))
            {
                text.Add(token);
                continue;
            }

            var time = tokenizer.TimestampSeconds(token);
            if (text.Count > 0)
            {
                Add(start ?? 0, time);
            }
            else
            {
                start = time;
            }
        }

        if (text.Count > 0)
        {
            Add(start ?? 0, windowSeconds);
        }

        return segments;

        void Add(double from, double to)
        {
            var words = tokenizer.Decode(text).Trim();
            if (words.Length > 0)
            {
                segments.Add(new TranscriptSegment(offsetSeconds + from, offsetSeconds + Math.Max(from, to), words));
            }

            text.Clear();
            start = to;
        }
    }
}
