using System.Diagnostics;
using System.Text;

namespace WorkBrain.Core.Text.Local;

internal sealed record GenerationRequest(IReadOnlyList<int> PromptIds, SamplingSettings Sampling, int MaxTokens, IReadOnlyList<string> StopSequences);

/// <param name="DecodeModelTime">Of <paramref name="DecodeTime"/>, the time spent in InferenceSession.Run.</param>
internal sealed record GenerationResult(int PromptTokens, int OutputTokens, bool HitLength, TimeSpan TimeToFirstToken, TimeSpan DecodeTime, TimeSpan DecodeModelTime);

/// <summary>
/// The generation loop: prefill, then one token at a time with the KV cache; bytes of each token go through an incremental
/// UTF-8 decoder so a multi-byte character is only shown once complete; stop sequences are held back; cancellation is
/// checked before every model step.
/// </summary>
internal static class TextGenerator
{
    public static GenerationResult Generate(OnnxDecoderModel model, GenerationRequest request, LocalEngineOptions options, Action<string> emit, CancellationToken cancellationToken)
    {
        var prompt = request.PromptIds;
        if (prompt.Count == 0)
        {
            throw new ArgumentException("The prompt is empty.", nameof(request));
        }

        if (prompt.Count >= model.Config.MaxPositions)
        {
            throw new ArgumentException($"The conversation is {prompt.Count} tokens long; this model reads at most {model.Config.MaxPositions}. Start a new chat or shorten the message.", nameof(request));
        }

        var clock = Stopwatch.StartNew();
        using var state = new DecoderState(model, options.UseKvCache, options.BindOutputs);
        var sampler = new Sampler(request.Sampling, model.VocabSize);
        foreach (var id in prompt)
        {
            sampler.Observe(id);
        }

        var utf8 = Encoding.UTF8.GetDecoder();
        var chars = new char[64];
        var filter = new StopSequenceFilter(request.StopSequences);
        var specials = new HashSet<int>(model.Tokenizer.Specials.Values);
        TimeSpan? firstToken = null;
        var produced = 0;
        var hitLength = true;

        void Show(string text)
        {
            var shown = filter.Push(text);
            if (shown.Length > 0)
            {
                firstToken ??= clock.Elapsed;
                emit(shown);
            }
        }

        // prefill in chunks: the export computes logits for every position fed, so a long prompt in one step would
        // allocate prompt × vocabulary floats; with the cache, chunks give the same result
        var chunk = options.UseKvCache && options.PrefillChunkTokens > 0 ? options.PrefillChunkTokens : prompt.Count;
        var promptIds = prompt as int[] ?? [.. prompt];
        var logits = Span<float>.Empty;
        for (var offset = 0; offset < promptIds.Length; offset += chunk)
        {
            cancellationToken.ThrowIfCancellationRequested();
            logits = state.Step(promptIds.AsSpan(offset, Math.Min(chunk, promptIds.Length - offset)));
        }

        var decodeStart = clock.Elapsed;
        var prefillModelTime = state.ModelTime;
        while (produced < request.MaxTokens)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var next = sampler.Next(logits);
            if (model.EosTokenIds.Contains(next))
            {
                hitLength = false;
                break;
            }

            produced++;
            sampler.Observe(next);
            if (!specials.Contains(next))
            {
                var bytes = model.Tokenizer.BytesOf(next);
                var needed = utf8.GetCharCount(bytes, flush: false);
                if (needed > chars.Length)
                {
                    chars = new char[needed * 2];
                }

                var count = utf8.GetChars(bytes, chars, flush: false);
                if (count > 0)
                {
                    Show(new string(chars, 0, count));
                }

                if (filter.Stopped)
                {
                    hitLength = false;
                    break;
                }
            }

            if (produced >= request.MaxTokens || state.PastLength + 1 >= model.Config.MaxPositions)
            {
                break;
            }

            logits = state.Step(next);
        }

        var tail = utf8.GetChars([], chars, flush: true);
        if (tail > 0)
        {
            Show(new string(chars, 0, tail));
        }

        var rest = filter.Flush();
        if (rest.Length > 0)
        {
            firstToken ??= clock.Elapsed;
            emit(rest);
        }

        return new GenerationResult(prompt.Count, produced, hitLength && !filter.Stopped, firstToken ?? clock.Elapsed, clock.Elapsed - decodeStart, state.ModelTime - prefillModelTime);
    }
}
