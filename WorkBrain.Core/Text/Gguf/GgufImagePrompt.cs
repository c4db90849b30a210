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
    /// LLamaSharp 0.30.0 hands mtmd_tokenize the prompt's length with its NUL terminator counted, so mtmd would read
    /// a NUL byte token (and the space a SentencePiece vocabulary puts before text) after the prompt, right where the
    /// answer starts. So mtmd gets the prompt only up to its last image; the text after it is tokenized and decoded
    /// here, as mtmd tokenizes each text piece (no BOS, special tokens parsed).
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
        var tail = context.Tokenize(prompt[split..], addBos: false, special: true);
        if (tail.Length == 0)
        {
            throw new ArgumentException("The prompt ends with an image: llama.cpp needs text after the last image to answer from.");
        }

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
            using (model.ProjectorLock.EnterScope())
            {
                cancellationToken.ThrowIfCancellationRequested();
                var rc = projector.Tokenize(prompt[..split], model.Vocab.ShouldAddBOS, true, embeds.ToArray(), out var chunks);
                if (rc != 0 || chunks is null)
                {
                    throw new InvalidOperationException($"The projector could not place the images in the prompt (mtmd_tokenize returned {rc}).");
                }

                using (chunks)
                {
                    var head = UpToLastImage(chunks);
                    GgufGenerator.CheckLength(model, (int)head.Sum(c => c.NPos) + tail.Length);
                    foreach (var chunk in head)
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                        rc = projector.NativeHandle.EvaluateChunk(chunk.NativePtr, context.NativeHandle, ref past, 0, nBatch, false);
                        if (rc != 0)
                        {
                            throw new InvalidOperationException($"llama.cpp could not read the prompt with its images (mtmd_helper_eval_chunk_single returned {rc}).");
                        }
                    }
                }
            }

            var sampleIndex = GgufGenerator.Decode(context, batch, tail, past, cancellationToken);
            return (past + tail.Length, sampleIndex);
        }
        finally
        {
            foreach (var embed in embeds)
            {
                embed.Dispose();
            }
        }
    }

    /// <summary>The chunks up to and including the last image: whatever mtmd read after it is not the prompt's.</summary>
    private static List<SafeMtmdInputChunk> UpToLastImage(SafeMtmdInputChunks chunks)
    {
        var all = chunks.Enumerate().ToList();
        var last = all.FindLastIndex(c => c.Type != SafeMtmdInputChunk.SafeMtmdInputChunkType.Text);
        if (last < 0)
        {
            throw new InvalidOperationException("The projector found no image in the prompt.");
        }

        return all[..(last + 1)];
    }

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
