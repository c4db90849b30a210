namespace WorkBrain.Core.Speech.Vad;

/// <summary>Turns per-window speech probabilities into padded segments with hysteresis and minimum durations,
/// and groups segments into chunks no longer than the recogniser's window, cutting long speech at its quietest point.</summary>
public static class SpeechSegmenter
{
    public static IReadOnlyList<SpeechSegment> Segments(float[] probabilities, int totalSamples, int window, int sampleRate, VadOptions options)
    {
        ArgumentNullException.ThrowIfNull(probabilities);
        ArgumentNullException.ThrowIfNull(options);
        var negative = Math.Max(options.Threshold - 0.15f, 0.01f);
        var minSilence = options.MinSilenceMilliseconds * sampleRate / 1000;
        var minSpeech = options.MinSpeechMilliseconds * sampleRate / 1000;
        var raw = new List<SpeechSegment>();
        var triggered = false;
        int start = 0, tentativeEnd = -1;
        for (var i = 0; i < probabilities.Length; i++)
        {
            var p = probabilities[i];
            var position = i * window;
            if (p >= options.Threshold)
            {
                tentativeEnd = -1;
                if (!triggered)
                {
                    triggered = true;
                    start = position;
                }

                continue;
            }

            if (!triggered || p >= negative)
            {
                continue;
            }

            if (tentativeEnd < 0)
            {
                tentativeEnd = position;
            }

            if (position + window - tentativeEnd >= minSilence)
            {
                if (tentativeEnd - start >= minSpeech)
                {
                    raw.Add(new SpeechSegment(start, tentativeEnd));
                }

                triggered = false;
                tentativeEnd = -1;
            }
        }

        if (triggered && totalSamples - start >= minSpeech)
        {
            raw.Add(new SpeechSegment(start, totalSamples));
        }

        return Pad(raw, totalSamples, options.SpeechPadMilliseconds * sampleRate / 1000);
    }

    private static List<SpeechSegment> Pad(List<SpeechSegment> raw, int totalSamples, int pad)
    {
        var padded = new List<SpeechSegment>(raw.Count);
        for (var i = 0; i < raw.Count; i++)
        {
            var s = raw[i];
            var start = i == 0 ? Math.Max(0, s.Start - pad) : Math.Max(s.Start - pad, (raw[i - 1].End + s.Start) / 2);
            var end = i == raw.Count - 1 ? Math.Min(totalSamples, s.End + pad) : Math.Min(s.End + pad, (s.End + raw[i + 1].Start) / 2);
            padded.Add(new SpeechSegment(start, end));
        }

        return padded;
    }

    /// <summary>Consecutive segments joined into chunks of at most <paramref name="maxSamples"/>; a longer segment is cut
    /// at its lowest-probability window in the second half of the allowed length.</summary>
    public static IReadOnlyList<SpeechSegment> Chunks(IReadOnlyList<SpeechSegment> segments, float[] probabilities, int window, int maxSamples)
    {
        ArgumentNullException.ThrowIfNull(segments);
        ArgumentNullException.ThrowIfNull(probabilities);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxSamples, window * 2);
        var pieces = new List<SpeechSegment>();
        foreach (var segment in segments)
        {
            var s = segment;
            while (s.Length > maxSamples)
            {
                var cut = QuietestPoint(probabilities, window, s.Start + (maxSamples / 2), s.Start + maxSamples);
                pieces.Add(new SpeechSegment(s.Start, cut));
                s = new SpeechSegment(cut, s.End);
            }

            pieces.Add(s);
        }

        var chunks = new List<SpeechSegment>();
        foreach (var piece in pieces)
        {
            if (chunks.Count > 0 && piece.End - chunks[^1].Start <= maxSamples)
            {
                chunks[^1] = chunks[^1] with { End = piece.End };
            }
            else
            {
                chunks.Add(piece);
            }
        }

        return chunks;
    }

    private static int QuietestPoint(float[] probabilities, int window, int from, int to)
    {
        var best = to;
        var bestProbability = float.MaxValue;
        for (var w = (from + window - 1) / window; w * window <= to - window && w < probabilities.Length; w++)
        {
            if (probabilities[w] < bestProbability)
            {
                bestProbability = probabilities[w];
                best = w * window;
            }
        }

        return best;
    }
}
