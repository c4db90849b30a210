using System.Diagnostics;
using LLama;
using LLama.Native;
using LLama.Sampling;
using WorkBrain.Core.Text.Local;

namespace WorkBrain.Core.Text.Gguf;

internal sealed record GgufSampling(float Temperature, float TopP, int TopK, float RepeatPenalty, uint? Seed);

/// <param name="Prompt">The rendered prompt (chat template applied, or the raw completion text).</param>
/// <param name="Images">Encoded images (PNG, JPEG, …) whose places are marked in the prompt by the projector's media marker.</param>
internal sealed record GgufRequest(string Prompt, IReadOnlyList<ReadOnlyMemory<byte>> Images, GgufSampling Sampling, int MaxTokens, IReadOnlyList<string> StopSequences);

/// <summary>
/// The generation loop over one rented context: prefill in batches, then one token at a time; text comes out of
/// LLamaSharp's streaming decoder (whole UTF-8 characters only); stop sequences are held back and never shown; the
/// answer ends at an end-of-generation token, a stop sequence, the token budget or the end of the context.
/// </summary>
internal static class GgufGenerator
{
    public static GenerationResult Generate(GgufModel model, LLamaContext context, GgufRequest request, Action<string> emit, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var modelTime = TimeSpan.Zero;
        var batch = new LLamaBatch();
        var (promptTokens, sampleIndex) = request.Images.Count > 0
            ? GgufImagePrompt.Prefill(model, context, batch, request.Prompt, request.Images, cancellationToken)
            : Prefill(model, context, batch, request.Prompt, cancellationToken);
        var prefillModelTime = clock.Elapsed;

        var budget = Math.Min(request.MaxTokens, model.ContextSize - promptTokens);
        using var sampler = new DefaultSamplingPipeline
        {
            Temperature = request.Sampling.Temperature,
            TopP = request.Sampling.TopP,
            TopK = request.Sampling.TopK,
            RepeatPenalty = request.Sampling.RepeatPenalty,
            Seed = request.Sampling.Seed ?? (uint)Random.Shared.Next(),
        };
        var decoder = new StreamingTokenDecoder(context);
        var filter = new StopSequenceFilter(request.StopSequences);
        var decodeStart = clock.Elapsed;
        TimeSpan? firstToken = null;
        var produced = 0;
        var hitLength = true;
        var position = promptTokens;

        void Show(string text)
        {
            var shown = filter.Push(text);
            if (shown.Length > 0)
            {
                firstToken ??= clock.Elapsed;
                emit(shown);
            }
        }

        while (produced < budget)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var token = sampler.Sample(context.NativeHandle, sampleIndex);
            if (token.IsEndOfGeneration(model.Vocab))
            {
                hitLength = false;
                break;
            }

            produced++;

            decoder.Add(token);
            Show(decoder.Read());
            if (filter.Stopped)
            {
                hitLength = false;
                break;
            }

            if (produced >= budget)
            {
                break;
            }

            batch.Clear();
            batch.Add(token, position++, LLamaSeqId.Zero, true);
            var started = clock.Elapsed;
            var result = context.Decode(batch);
            modelTime += clock.Elapsed - started;
            if (result != DecodeResult.Ok)
            {
                throw new InvalidOperationException($"llama.cpp could not decode the next token ({result}).");
            }

            sampleIndex = 0;
        }

        var rest = filter.Flush();
        if (rest.Length > 0)
        {
            firstToken ??= clock.Elapsed;
            emit(rest);
        }

        return new GenerationResult(promptTokens, produced, hitLength && !filter.Stopped, firstToken ?? clock.Elapsed, clock.Elapsed - decodeStart, modelTime + (decodeStart - prefillModelTime));
    }

    private static (int Tokens, int SampleIndex) Prefill(GgufModel model, LLamaContext context, LLamaBatch batch, string prompt, CancellationToken cancellationToken)
    {
        var tokens = context.Tokenize(prompt, model.Vocab.ShouldAddBOS, special: true);
        CheckLength(model, tokens.Length);
        return (tokens.Length, Decode(context, batch, tokens, 0, cancellationToken));
    }

    /// <summary>Decodes <paramref name="tokens"/> from position <paramref name="start"/> in batches, with logits for the
    /// last one; returns its index in the last batch.</summary>
    internal static int Decode(LLamaContext context, LLamaBatch batch, LLamaToken[] tokens, int start, CancellationToken cancellationToken)
    {
        var chunk = (int)Math.Max(1, context.BatchSize);
        for (var offset = 0; offset < tokens.Length; offset += chunk)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var count = Math.Min(chunk, tokens.Length - offset);
            batch.Clear();
            batch.AddRange(tokens.AsSpan(offset, count), start + offset, LLamaSeqId.Zero, offset + count == tokens.Length);
            var result = context.Decode(batch);
            if (result != DecodeResult.Ok)
            {
                throw new InvalidOperationException($"llama.cpp could not read the prompt ({result}).");
            }
        }

        return batch.TokenCount - 1;
    }

    internal static void CheckLength(GgufModel model, int tokens)
    {
        if (tokens == 0)
        {
            throw new ArgumentException("The prompt is empty.");
        }

        if (tokens >= model.ContextSize)
        {
            throw new ArgumentException($"The conversation is {tokens} tokens long; this model's context holds {model.ContextSize} (TextGeneration:Gguf:ContextSize). Start a new chat or shorten the message.");
        }
    }
}
