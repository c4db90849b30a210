namespace WorkBrain.Core.Text.Local;

/// <summary>Sampling settings of one generation.</summary>
internal sealed record SamplingSettings(float Temperature, float TopP, int TopK, float RepetitionPenalty, int? Seed)
{
    public bool IsGreedy => Temperature <= 1e-5f;
}

/// <summary>
/// Picks the next token from logits: repetition penalty over the tokens seen so far, then greedy argmax, or temperature,
/// top-k and top-p (nucleus) sampling. One instance per generation; it reuses its buffers between tokens.
/// </summary>
internal sealed class Sampler(SamplingSettings settings, int vocabularySize)
{
    /// <summary>When no top-k is asked for, the nucleus is searched among this many best tokens.</summary>
    internal const int DefaultCandidates = 256;
    private readonly Random _random = settings.Seed is { } seed ? new Random(seed) : new Random();
    private readonly bool[] _seen = new bool[vocabularySize];
    private readonly List<int> _seenList = [];
    private readonly int[] _heapIds = new int[Math.Max(1, Math.Min(vocabularySize, settings.TopK > 0 ? settings.TopK : DefaultCandidates))];
    private readonly float[] _heapLogits = new float[Math.Max(1, Math.Min(vocabularySize, settings.TopK > 0 ? settings.TopK : DefaultCandidates))];
    private readonly double[] _probs = new double[Math.Max(1, Math.Min(vocabularySize, settings.TopK > 0 ? settings.TopK : DefaultCandidates))];

    /// <summary>Marks a token as seen (prompt and generated tokens) for the repetition penalty.</summary>
    public void Observe(int id)
    {
        if ((uint)id < (uint)_seen.Length && !_seen[id])
        {
            _seen[id] = true;
            _seenList.Add(id);
        }
    }

    /// <summary>Chooses the next token; <paramref name="logits"/> is modified in place by the penalty.</summary>
    public int Next(Span<float> logits)
    {
        var penalty = settings.RepetitionPenalty;
        if (penalty > 0 && Math.Abs(penalty - 1f) > 1e-6f)
        {
            foreach (var id in _seenList)
            {
                if (id < logits.Length)
                {
                    logits[id] = logits[id] > 0 ? logits[id] / penalty : logits[id] * penalty;
                }
            }
        }

        return settings.IsGreedy ? ArgMax(logits) : Sample(logits);
    }

    internal static int ArgMax(ReadOnlySpan<float> logits) => logits.IsEmpty ? 0 : System.Numerics.Tensors.TensorPrimitives.IndexOfMax(logits);

    private int Sample(ReadOnlySpan<float> logits)
    {
        var k = Math.Min(_heapIds.Length, logits.Length);
        var count = TopK(logits, k);

        // sort candidates by logit, best first (k is small)
        Array.Sort(_heapLogits, _heapIds, 0, count, Comparer<float>.Create((a, b) => b.CompareTo(a)));
        var max = _heapLogits[0];
        double sum = 0;
        for (var i = 0; i < count; i++)
        {
            _probs[i] = Math.Exp((_heapLogits[i] - max) / settings.Temperature);
            sum += _probs[i];
        }

        var topP = settings.TopP is > 0 and < 1 ? settings.TopP : 1.0;
        double cumulative = 0;
        var keep = count;
        for (var i = 0; i < count; i++)
        {
            cumulative += _probs[i] / sum;
            if (cumulative >= topP)
            {
                keep = i + 1;
                break;
            }
        }

        double kept = 0;
        for (var i = 0; i < keep; i++)
        {
            kept += _probs[i];
        }

        var r = _random.NextDouble() * kept;
        for (var i = 0; i < keep; i++)
        {
            r -= _probs[i];
            if (r <= 0)
            {
                return _heapIds[i];
            }
        }

        return _heapIds[keep - 1];
    }

    /// <summary>The k largest logits into the heap buffers (a min-heap on the logit), returns how many.</summary>
    private int TopK(ReadOnlySpan<float> logits, int k)
    {
        var n = 0;
        for (var i = 0; i < logits.Length; i++)
        {
            var v = logits[i];
            if (n < k)
            {
                _heapIds[n] = i;
                _heapLogits[n] = v;
                SiftUp(n++);
            }
            else if (v > _heapLogits[0])
            {
                _heapIds[0] = i;
                _heapLogits[0] = v;
                SiftDown(0, n);
            }
        }

        return n;
    }

    private void SiftUp(int i)
    {
        while (i > 0)
        {
            var parent = (i - 1) / 2;
            if (_heapLogits[parent] <= _heapLogits[i])
            {
                return;
            }

            Swap(i, parent);
            i = parent;
        }
    }

    private void SiftDown(int i, int n)
    {
        while (true)
        {
            var smallest = i;
            var l = (2 * i) + 1;
            var r = l + 1;
            if (l < n && _heapLogits[l] < _heapLogits[smallest])
            {
                smallest = l;
            }

            if (r < n && _heapLogits[r] < _heapLogits[smallest])
            {
                smallest = r;
            }

            if (smallest == i)
            {
                return;
            }

            Swap(i, smallest);
            i = smallest;
        }
    }

    private void Swap(int a, int b)
    {
        (_heapIds[a], _heapIds[b]) = (_heapIds[b], _heapIds[a]);
        (_heapLogits[a], _heapLogits[b]) = (_heapLogits[b], _heapLogits[a]);
    }
}
