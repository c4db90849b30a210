using LLama;
using LLama.Native;

namespace WorkBrain.Core.Text.Gguf;

/// <summary>
/// Reads a prompt with images into a context through the projector (llama.cpp's mtmd): the images are decoded and
/// encoded, and their embeddings take their places among the prompt's tokens.
/// </summary>
internal static class GgufImagePrompt
{
    /// <summary>What marks an image's place in the prompt text (mtmd's default media marker).</summary>
    public static string Marker { get; } = MtmdContextParams.Default().MediaMarker ?? "<__media__>";

    /// <summary>
    /// Evaluates <paramref name="prompt"/> with <paramref name="images"/> at its markers; returns the positions used
    /// and the batch index whose logits come next.
    /// </summary>
    /// <remarks>
    /// LLamaSharp 0.30.0 hands mtmd_tokenize the prompt's length with its NUL terminator counted, so mtmd reads a NUL
    /// byte token (with a SentencePiece vocabulary, the space before it too) after the prompt, right where the answer
    /// starts. So mtmd gets the prompt only up to its last image, where what it reads past the end is exactly what it
    /// reads for an empty text (asked for each time, so a fixed LLamaSharp simply leaves nothing to drop). The tokens
    /// after the last image (the projector's own, such as an end-of-image token, then the rest of the prompt, which is
    /// tokenized here as mtmd tokenizes each text piece) are decoded here.
    /// The images are decoded into bitmaps this request owns (MtmdWeights.LoadMedia would also queue each one on the
    /// shared projector handle, in a list only the other Tokenize overload empties), and the projector serves one
    /// generation at a time: its vision encoder has one compute graph and buffer.
    /// </remarks>
    public static (int Tokens, int SampleIndex) Prefill(GgufModel model, LLamaContext context, LLamaBatch batch, string prompt, IReadOnlyList<ReadOnlyMemory<byte>> images, CancellationToken cancellationToken)
    {
        var projector = model.Projector ?? throw new InvalidOperationException(GgufChatClient.NoProjectorMessage);
        var split = prompt.LastIndexOf(Marker, StringComparison.Ordinal);
        if (split < 0)
        {
            throw new InvalidOperationException("The prompt has images but no place marked for them.");
        }

        split += Marker.Length;
        var nBatch = (int)Math.Max(1, context.BatchSize);
        var embeds = new List<SafeMtmdEmbed>(images.Count);
        try
        {
            foreach (var image in images)
            {
                cancellationToken.ThrowIfCancellationRequested();
                embeds.Add(Decode(projector, image.Span));
            }

            var past = 0;
            LLamaToken[] rest;
            using (model.ProjectorLock.EnterScope())
            {
                cancellationToken.ThrowIfCancellationRequested();
                var pastTheEnd = TextTokens(Tokenize(projector, "", addSpecial: false, []));
                using var chunks = Tokenize(projector, prompt[..split], model.Vocab.ShouldAddBOS, [.. embeds]);
                var all = chunks.Enumerate().ToList();
                var head = all[..(all.FindLastIndex(c => c.Type != SafeMtmdInputChunk.SafeMtmdInputChunkType.Text) + 1)];
                var afterImage = TextTokens(all[head.Count..]);
                if (afterImage.AsSpan().EndsWith(pastTheEnd))
                {
                    afterImage = afterImage[..^pastTheEnd.Length];
                }

                rest = [.. afterImage, .. context.Tokenize(prompt[split..], addBos: false, special: true)];
                if (rest.Length == 0)
                {
                    throw new ArgumentException("The prompt ends with an image: llama.cpp needs text after the last image to answer from.");
                }

                GgufGenerator.CheckLength(model, (int)head.Sum(c => c.NPos) + rest.Length);
                foreach (var chunk in head)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var rc = projector.NativeHandle.EvaluateChunk(chunk.NativePtr, context.NativeHandle, ref past, 0, nBatch, false);
                    if (rc != 0)
                    {
                        throw new InvalidOperationException($"llama.cpp could not read the prompt with its images (mtmd_helper_eval_chunk_single returned {rc}).");
                    }
                }
            }

            var sampleIndex = GgufGenerator.Decode(context, batch, rest, past, cancellationToken);
            return (past + rest.Length, sampleIndex);
        }
        finally
        {
            foreach (var embed in embeds)
            {
                embed.Dispose();
            }
        }
    }

    private static SafeMtmdInputChunks Tokenize(MtmdWeights projector, string text, bool addSpecial, SafeMtmdEmbed[] embeds)
    {
        var rc = projector.Tokenize(text, addSpecial, true, embeds, out var chunks);
        return rc == 0 && chunks is not null
            ? chunks
            : throw new InvalidOperationException($"The projector could not place the images in the prompt (mtmd_tokenize returned {rc}).");
    }

    private static LLamaToken[] TextTokens(SafeMtmdInputChunks chunks)
    {
        using (chunks)
        {
            return TextTokens(chunks.Enumerate().ToList());
        }
    }

    private static LLamaToken[] TextTokens(List<SafeMtmdInputChunk> chunks) =>
        [.. chunks.Where(c => c.Type == SafeMtmdInputChunk.SafeMtmdInputChunkType.Text).SelectMany(c => c.GetTextTokensSpan().ToArray()).Select(t => (LLamaToken)(int)t)];

    private static SafeMtmdEmbed Decode(MtmdWeights projector, ReadOnlySpan<byte> image)
    {
        try
        {
            return SafeMtmdEmbed.FromMediaBuffer(projector.NativeHandle, image) ?? throw new InvalidDataException(Undecodable);
        }
        catch (LLama.Exceptions.RuntimeError ex)
        {
            throw new InvalidDataException(Undecodable, ex);
        }
    }

    private const string Undecodable = "llama.cpp could not decode an attached image (is it a PNG, JPEG, BMP or GIF?).";
}
