using WorkBrain.Core.Engines;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using WorkBrain.Core.Documents.Answering;
using WorkBrain.Core.Documents.Storage;
using WorkBrain.Core.Events;
using WorkBrain.Core.Experts;
using WorkBrain.Core.Text;
using WorkBrain.Core.Turns;

namespace WorkBrain.Core.Documents;

/// <summary>document_qa: documents attached to the turn join the user's library (once per content hash) and are indexed;
/// the question retrieves the best passages (only from the attached documents when there are any, else from the whole
/// library). With a text model the answer is written from numbered passages and cites them; without one, the best
/// sentence is quoted with the answer span in bold. Each passage used becomes a <see cref="Citation"/>.</summary>
public sealed partial class DocumentQaExpert(DocumentLibrary library, SelectedEngine<IChatClient> textModels, IOptions<DocumentsOptions> options) : IExpert
{
    private const string Instructions =
        "Answer the question using only the numbered passages. After each statement, cite the passages that support it " +
        "as [1], [2]. If the passages do not contain the answer, say so. Answer in the language of the question.";

    public string Id => ExpertIds.DocumentQa;

    public ExpertStatus GetStatus()
    {
        var answers = textModels.IsAvailable
            ? "answers written by the text model"
            : "extractive answers (no text model available)";
        return new ExpertStatus(Id, ExpertState.Ready, $"built-in BM25 + {library.EmbeddingDescription}", "CPU", answers);
    }

    public async IAsyncEnumerable<BrainEvent> RunAsync(ExpertRequest request, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var turn = request.Turn;
        var question = string.IsNullOrWhiteSpace(request.Instruction) ? turn.Text : request.Instruction;
        if (string.IsNullOrWhiteSpace(question))
        {
            throw new ExpertException("Ask a question about your documents.");
        }

        var attached = new List<string>();
        var problems = new List<string>();
        foreach (var attachment in turn.Attachments.Where(a => a.Kind == AttachmentKind.Document))
        {
            var document = await AddAttachmentAsync(turn.UserId, attachment, cancellationToken);
            var lastProgress = -1.0;
            var deadline = DateTime.UtcNow.AddSeconds(options.Value.IndexWaitSeconds);
            while (document.Status is DocumentStatus.Queued or DocumentStatus.Indexing)
            {
                if (document.Progress > lastProgress)
                {
                    lastProgress = document.Progress;
                    yield return new ExpertProgress(Id, document.Progress, $"Indexing {document.FileName}");
                }

                if (DateTime.UtcNow > deadline)
                {
                    throw new ExpertException($"\"{document.FileName}\" is still being indexed; ask again in a moment.");
                }

                await Task.Delay(200, cancellationToken);
                document = await library.GetAsync(turn.UserId, document.Id, cancellationToken)
                    ?? throw new ExpertException($"\"{attachment.FileName}\" was deleted while it was being indexed.");
            }

            if (document.Status == DocumentStatus.Failed)
            {
                problems.Add(document.Message ?? $"\"{document.FileName}\" could not be read.");
                yield return new TextDelta(Id, $"⚠ {document.Message}\n\n");
            }
            else
            {
                attached.Add(document.Id);
            }
        }

        if (problems.Count > 0 && attached.Count == 0 && turn.Attachments.Count(a => a.Kind == AttachmentKind.Document) == problems.Count)
        {
            throw new ExpertException(string.Join(" ", problems));
        }

        var hits = await library.SearchAsync(turn.UserId, question, options.Value.TopK, attached.Count > 0 ? attached : null, cancellationToken);
        if (hits.Count == 0)
        {
            var documents = await library.ListAsync(turn.UserId, cancellationToken);
            if (!documents.Any(d => d.Status == DocumentStatus.Ready))
            {
                throw new ExpertException("You have no indexed documents yet: attach a PDF, DOCX, XLSX, PPTX, TXT, MD or CSV file and ask again.");
            }

            yield return new TextDelta(Id, "No passage in your documents matches this question.");
            yield break;
        }

        IAsyncEnumerable<BrainEvent> answer = textModels.IsAvailable
            ? GenerateAsync(request, question, hits, cancellationToken)
            : Extract(question, hits);
        await foreach (var e in answer.WithCancellation(cancellationToken))
        {
            yield return e;
        }
    }

    private async Task<DocumentInfo> AddAttachmentAsync(string userId, Attachment attachment, CancellationToken cancellationToken)
    {
        if (!File.Exists(attachment.StoredPath))
        {
            throw new ExpertException($"The attached file \"{attachment.FileName}\" is no longer available; attach it again.");
        }

        try
        {
            await using var stream = File.OpenRead(attachment.StoredPath);
            return await library.AddAsync(userId, attachment.FileName, stream, cancellationToken);
        }
        catch (DocumentException ex)
        {
            throw new ExpertException(ex.Message, ex);
        }
    }

    private async IAsyncEnumerable<BrainEvent> GenerateAsync(ExpertRequest request, string question, IReadOnlyList<SearchHit> hits, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var client = await textModels.GetRequiredClientAsync(cancellationToken);
        var passages = new StringBuilder();
        for (var i = 0; i < hits.Count; i++)
        {
            passages.Append('[').Append(i + 1).Append("] (").Append(hits[i].DocumentName).Append(", ").Append(hits[i].Anchor).Append(")\n")
                .Append(hits[i].Text).Append("\n\n");
        }

        var messages = new List<ChatMessage>
        {
            new(ChatRole.System, Instructions),
            new(ChatRole.User, $"Passages:\n\n{passages}Question: {question}"),
        };
        var answer = new StringBuilder();
        await foreach (var update in client.GetStreamingResponseAsync(messages, new ChatOptions { Temperature = 0.2f }, cancellationToken))
        {
            if (!string.IsNullOrEmpty(update.Text))
            {
                answer.Append(update.Text);
                yield return new TextDelta(Id, update.Text);
            }
        }

        var cited = CitedNumbers(answer.ToString(), hits.Count);
        foreach (var number in cited.Count > 0 ? cited : Enumerable.Range(1, hits.Count))
        {
            var hit = hits[number - 1];
            yield return new Citation(Id, number, hit.DocumentName, hit.Anchor, hit.Text);
        }
    }

    private async IAsyncEnumerable<BrainEvent> Extract(string question, IReadOnlyList<SearchHit> hits)
    {
        await Task.CompletedTask;
        var best = ExtractiveAnswerer.Answer(question, hits.Select(h => h.Text).ToList());
        var text = new StringBuilder("No text model is available, so this is the most relevant passage from your documents (the likely answer in bold):\n\n");
        var used = new List<int>();
        if (best is not null)
        {
            text.Append("> ").Append(best.Highlighted).Append(" [").Append(best.PassageIndex + 1).Append("]\n\n");
            used.Add(best.PassageIndex);
        }

        var others = Enumerable.Range(0, Math.Min(3, hits.Count)).Where(i => !used.Contains(i)).Take(best is null ? 3 : 2).ToList();
        if (others.Count > 0)
        {
            text.Append(best is null ? "Closest passages:\n\n" : "Related passages:\n\n");
            foreach (var i in others)
            {
                text.Append("- ").Append(Excerpt(hits[i].Text)).Append(" [").Append(i + 1).Append("]\n");
                used.Add(i);
            }
        }

        yield return new TextDelta(Id, text.ToString().TrimEnd());
        foreach (var i in used.Order())
        {
            yield return new Citation(Id, i + 1, hits[i].DocumentName, hits[i].Anchor, hits[i].Text);
        }
    }

    private static string Excerpt(string text)
    {
        var flat = text.ReplaceLineEndings(" ");
        return flat.Length <= 160 ? flat : flat[..160] + "…";
    }

    internal static List<int> CitedNumbers(string answer, int count) =>
        CitationPattern().Matches(answer)
            .SelectMany(m => m.Groups[1].Value.Split([',', '，', ' '], StringSplitOptions.RemoveEmptyEntries))
            .Select(s => int.TryParse(s, out var n) ? n : 0)
            .Where(n => n >= 1 && n <= count)
            .Distinct()
            .Order()
            .ToList();

    [GeneratedRegex(@"\[(\d+(?:\s*[,，]\s*\d+)*)\]")]
    private static partial Regex CitationPattern();
}
