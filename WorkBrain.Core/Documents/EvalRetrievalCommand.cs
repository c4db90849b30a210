using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using WorkBrain.Core.Documents.Answering;
using WorkBrain.Core.Documents.Chunking;
using WorkBrain.Core.Documents.Embeddings;
using WorkBrain.Core.Documents.Parsing;
using WorkBrain.Core.Documents.Retrieval;
using WorkBrain.Core.Engines;
using WorkBrain.Core.Hosting;

namespace WorkBrain.Core.Documents;

/// <summary><c>eval-retrieval [PATH]</c>: over a CMRC 2018 (SQuAD-format) file, each paragraph is a document and each
/// question a query, chunked and indexed exactly as uploads are. Prints recall@1, recall@5 and MRR of the paragraph holding
/// the answer, and exact match / F1 of the extractive answer (from the retrieved passages, and from the gold paragraph).</summary>
public sealed class EvalRetrievalCommand(
    IOptions<DocumentsOptions> options,
    SelectedEngine<IEmbeddingGenerator<string, Embedding<float>>> embeddings,
    IOptions<EmbeddingsOptions>? embeddingsOptions = null) : ICliCommand
{
    internal const string DefaultPath = "../shared/datasets/cmrc2018/cmrc2018_trial.json";

    public string Name => "eval-retrieval";

    public string Usage => $"eval-retrieval [PATH] [--errors N]   retrieval recall@1/@5, MRR and extractive EM/F1 on CMRC 2018 (default {DefaultPath})";

    public async Task<int> RunAsync(IReadOnlyList<string> args, TextReader input, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var errorsAt = args.ToList().IndexOf("--errors");
        var showErrors = errorsAt >= 0 && errorsAt + 1 < args.Count && int.TryParse(args[errorsAt + 1], CultureInfo.InvariantCulture, out var e) ? e : 0;
        var positional = args.Where((a, i) => errorsAt < 0 || (i != errorsAt && i != errorsAt + 1)).ToList();
        var path = ResolvePath(positional.Count > 0 ? positional[0] : DefaultPath);
        if (!File.Exists(path))
        {
            await error.WriteLineAsync($"Dataset not found: {Path.GetFullPath(path)}");
            return 2;
        }

        List<Paragraph> paragraphs;
        try
        {
            paragraphs = Load(await File.ReadAllTextAsync(path, cancellationToken));
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            await error.WriteLineAsync($"Not a SQuAD/CMRC JSON file: {ex.Message}");
            return 2;
        }

        var result = await EvaluateAsync(paragraphs, cancellationToken);
        await output.WriteLineAsync(result.Format(embeddings.Describe()));
        foreach (var (question, predicted, gold) in result.Misses.Take(showErrors))
        {
            await output.WriteLineAsync($"  miss: {question} → \"{predicted}\" (gold \"{gold}\")");
        }
        return 0;
    }

    internal async Task<EvalResult> EvaluateAsync(IReadOnlyList<Paragraph> paragraphs, CancellationToken cancellationToken)
    {
        var o = options.Value;
        var chunker = new SentenceChunker(o.ChunkCharacters, o.OverlapCharacters);
        var index = new DocumentIndex();
        var texts = new Dictionary<long, string>();
        var indexing = Stopwatch.StartNew();
        long nextId = 1;
        foreach (var paragraph in paragraphs)
        {
            var chunks = chunker.Chunk([new TextSection("paragraph", paragraph.Context)]);
            var vectors = await embeddings.EmbedAsync(chunks.Select(c => c.Text).ToList(), cancellationToken);
            var indexed = chunks.Select((c, i) => new IndexedChunk(nextId + i, paragraph.Id, c.Text, vectors?[i])).ToList();
            foreach (var chunk in indexed)
            {
                texts[chunk.ChunkId] = chunk.Text;
            }

            nextId += indexed.Count;
            index.Add(indexed);
        }

        indexing.Stop();
        var questions = 0;
        var hits1 = 0;
        var hits5 = 0;
        var reciprocal = 0.0;
        var exact = 0;
        var f1 = 0.0;
        var goldExact = 0;
        var goldF1 = 0.0;
        var latencies = new List<double>();
        var misses = new List<(string, string, string)>();
        foreach (var paragraph in paragraphs)
        {
            foreach (var (question, answers) in paragraph.Questions)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var watch = Stopwatch.StartNew();
                var vector = await embeddings.EmbedQueryAsync((embeddingsOptions?.Value ?? new EmbeddingsOptions()).QueryPrefix, question, cancellationToken);
                var ranked = index.Search(question, vector, 50);
                watch.Stop();
                latencies.Add(watch.Elapsed.TotalMilliseconds);

                var documents = ranked.Select(r => r.DocumentId).Distinct().ToList();
                var rank = documents.IndexOf(paragraph.Id) + 1;
                questions++;
                hits1 += rank == 1 ? 1 : 0;
                hits5 += rank is >= 1 and <= 5 ? 1 : 0;
                reciprocal += rank > 0 ? 1.0 / rank : 0;

                var predicted = ExtractiveAnswerer.Answer(question, ranked.Take(o.TopK).Select(r => texts[r.ChunkId]).ToList())?.Span ?? "";
                exact += AnswerMetrics.ExactMatch(predicted, answers) ? 1 : 0;
                f1 += AnswerMetrics.F1(predicted, answers);
                var fromGold = ExtractiveAnswerer.Answer(question, [paragraph.Context], 1)?.Span ?? "";
                var goldMatch = AnswerMetrics.ExactMatch(fromGold, answers);
                goldExact += goldMatch ? 1 : 0;
                if (!goldMatch)
                {
                    misses.Add((question, fromGold, answers[0]));
                }

                goldF1 += AnswerMetrics.F1(fromGold, answers);
            }
        }

        latencies.Sort();
        double Rate(double x) => questions == 0 ? 0 : x / questions;
        return new EvalResult(paragraphs.Count, (int)(nextId - 1), questions, Rate(hits1), Rate(hits5), Rate(reciprocal),
            Rate(exact), Rate(f1), Rate(goldExact), Rate(goldF1), indexing.Elapsed.TotalSeconds,
            latencies.Count == 0 ? 0 : latencies[latencies.Count / 2], misses);
    }

    /// <summary>A relative path is tried against the working directory and then each of its parents, so the default works
    /// whether the command runs from the repository root or from the web project's folder.</summary>
    internal static string ResolvePath(string path)
    {
        if (Path.IsPathRooted(path) || File.Exists(path))
        {
            return path;
        }

        for (var directory = new DirectoryInfo(Directory.GetCurrentDirectory()).Parent; directory is not null; directory = directory.Parent)
        {
            var candidate = Path.GetFullPath(Path.Combine(directory.FullName, path));
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return path;
    }

    internal static List<Paragraph> Load(string json)
    {
        using var document = JsonDocument.Parse(json);
        var paragraphs = new List<Paragraph>();
        foreach (var article in document.RootElement.GetProperty("data").EnumerateArray())
        {
            foreach (var p in article.GetProperty("paragraphs").EnumerateArray())
            {
                var questions = p.GetProperty("qas").EnumerateArray()
                    .Select(q => (q.GetProperty("question").GetString() ?? "",
                        (IReadOnlyList<string>)q.GetProperty("answers").EnumerateArray().Select(a => a.GetProperty("text").GetString() ?? "").ToList()))
                    .Where(q => q.Item2.Count > 0)
                    .ToList();
                var id = p.TryGetProperty("id", out var idElement) ? idElement.GetString() ?? "" : $"p{paragraphs.Count}";
                paragraphs.Add(new Paragraph(id, p.GetProperty("context").GetString() ?? "", questions));
            }
        }

        return paragraphs;
    }

    internal sealed record Paragraph(string Id, string Context, IReadOnlyList<(string Question, IReadOnlyList<string> Answers)> Questions);

    internal sealed record EvalResult(int Paragraphs, int Chunks, int Questions, double RecallAt1, double RecallAt5, double Mrr,
        double ExactMatch, double F1, double GoldExactMatch, double GoldF1, double IndexSeconds, double P50Milliseconds,
        IReadOnlyList<(string Question, string Predicted, string Gold)> Misses)
    {
        public string Format(string backend) => string.Create(CultureInfo.InvariantCulture, $"""
            retrieval: BM25 (CJK unigrams+bigrams), {backend}
            paragraphs {Paragraphs}, chunks {Chunks}, questions {Questions}; indexed in {IndexSeconds:0.00} s; query p50 {P50Milliseconds:0.00} ms
            recall@1 {RecallAt1:P1}  recall@5 {RecallAt5:P1}  MRR {Mrr:0.000}
            extractive answer (retrieved passages): EM {ExactMatch:P1}  F1 {F1:P1}
            extractive answer (gold paragraph):     EM {GoldExactMatch:P1}  F1 {GoldF1:P1}
            """);
    }
}
