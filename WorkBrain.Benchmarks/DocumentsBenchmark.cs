using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;
using WorkBrain.Core.Documents;
using WorkBrain.Core.Documents.Embeddings;
using WorkBrain.Core.Documents.Parsing;
using WorkBrain.Core.Documents.Retrieval;
using WorkBrain.Core.Documents.Storage;
using WorkBrain.Core.Engines;
using WorkBrain.Core.Files;
using WorkBrain.Core.Models;
using WorkBrain.Core.Storage;

namespace WorkBrain.Benchmarks;

/// <summary>document_qa: indexing throughput (pages/s, end to end through the library: parse, chunk, SQLite, index) for a
/// generated PDF and a Chinese text file, and BM25 retrieval latency (p50/p95) over 100,000 chunks, in memory and through
/// the library (with the SQLite read of the passages).</summary>
internal sealed class DocumentsBenchmark : IBenchmark
{
    public string Name => "documents";

    public string Description => "indexing pages/s and retrieval p50 latency at 100,000 chunks";

    public async Task RunAsync(IReadOnlyList<string> args, TextWriter output, CancellationToken cancellationToken)
    {
        var chunkCount = args.Count > 0 && int.TryParse(args[0], CultureInfo.InvariantCulture, out var n) ? n : 100_000;
        var directory = Path.Combine(Path.GetTempPath(), "wb-docs-bench-" + Guid.NewGuid().ToString("N"));
        try
        {
            var random = new Random(42);
            var storage = Options.Create(new StorageOptions { DataDirectory = directory });
            var documentsOptions = Options.Create(new DocumentsOptions());
            var files = new DiskFileStore(storage);
            var store = new DocumentStore(new WorkBrain.Web.Data.WorkBrainDbContextFactory(storage));
            var embeddings = new ServiceCollection().AddSingleton<IConfiguration>(new ConfigurationBuilder().Build()).AddEngines().BuildServiceProvider()
                .GetRequiredService<SelectedEngine<IEmbeddingGenerator<string, Embedding<float>>>>();
            var library = new DocumentLibrary(store, new DocumentParser(documentsOptions, []), embeddings, files, documentsOptions, NullLogger<DocumentLibrary>.Instance);
            using var service = new DocumentIndexingService(library);
            await service.StartAsync(cancellationToken);

            var indexOnly = args.Contains("--index-only");
            if (!indexOnly)
            {
                await MeasureIndexingAsync(output, library, "PDF (English, 300 pages)", "bench.pdf", BuildPdf(300, random), 300, cancellationToken);
                var text = string.Join("\n\n", Enumerable.Range(0, 300).Select(_ => ChineseText(random, 1400)));
                await MeasureIndexingAsync(output, library, "TXT (Chinese, ~300 pages of 1,400 characters)", "bench.txt", Encoding.UTF8.GetBytes(text), 300, cancellationToken);
            }

            var chunks = Enumerable.Range(0, chunkCount).Select(i => ChineseText(random, 380)).ToList();
            var queries = Enumerable.Range(0, 500).Select(_ =>
            {
                var source = chunks[random.Next(chunks.Count)];
                var start = random.Next(source.Length - 16);
                return source.Substring(start, 12) + "是什么？";
            }).ToList();

            var index = new DocumentIndex();
            var build = Stopwatch.StartNew();
            index.Add(chunks.Select((c, i) => new IndexedChunk(i + 1, $"d{i / 100}", c, null)));
            build.Stop();
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"in-memory BM25 index of {chunkCount:N0} chunks (~380 characters): built in {build.Elapsed.TotalSeconds:0.0} s ({chunkCount / build.Elapsed.TotalSeconds:N0} chunks/s), managed heap {GC.GetTotalMemory(true) / 1048576.0:N0} MiB"));
            Report(output, "in-memory BM25 search, top 5", queries.Select(q => Time(() => index.Search(q, null, 5))).ToList());
            if (indexOnly)
            {
                return;
            }

            await store.CompleteAsync("bench", await AddPlaceholderAsync(store, cancellationToken),
                chunks.Select((c, i) => new StoredChunk(i, $"page {i / 3 + 1}", c, null)).ToList(), chunkCount / 3, "text/plain", null, cancellationToken);
            var load = Stopwatch.StartNew();
            await library.SearchAsync("bench", queries[0], 5, null, cancellationToken);
            load.Stop();
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"library: first search loads {chunkCount:N0} chunks from SQLite in {load.Elapsed.TotalSeconds:0.0} s"));
            var latencies = new List<double>();
            foreach (var query in queries)
            {
                var watch = Stopwatch.StartNew();
                await library.SearchAsync("bench", query, 5, null, cancellationToken);
                latencies.Add(watch.Elapsed.TotalMilliseconds);
            }

            Report(output, "library SearchAsync (BM25 + SQLite passage read), top 5", latencies);
            await service.StopAsync(cancellationToken);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(directory, true);
            }
            catch (IOException)
            {
            }
        }
    }

    private static async Task<string> AddPlaceholderAsync(DocumentStore store, CancellationToken cancellationToken)
    {
        var id = Guid.NewGuid().ToString("N");
        await store.InsertAsync(new DocumentInfo(id, "bench", "corpus.txt", "text/plain", id, DocumentStatus.Indexing, null, 0, 0, DateTimeOffset.UtcNow, 0), null, cancellationToken);
        return id;
    }

    private static async Task MeasureIndexingAsync(TextWriter output, DocumentLibrary library, string label, string name, byte[] content, int pages, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var added = await library.AddAsync("bench-" + name, name, new MemoryStream(content), cancellationToken);
        var done = await library.WaitUntilIndexedAsync("bench-" + name, added.Id, cancellationToken);
        watch.Stop();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"indexing {label}: {done?.Status}, {done?.Chunks} chunks in {watch.Elapsed.TotalSeconds:0.00} s = {pages / watch.Elapsed.TotalSeconds:N0} pages/s"));
    }

    private static double Time(Action action)
    {
        var watch = Stopwatch.StartNew();
        action();
        return watch.Elapsed.TotalMilliseconds;
    }

    private static void Report(TextWriter output, string label, List<double> milliseconds)
    {
        milliseconds.Sort();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{label}: p50 {milliseconds[milliseconds.Count / 2]:0.00} ms, p95 {milliseconds[milliseconds.Count * 95 / 100]:0.00} ms over {milliseconds.Count} queries"));
    }

    /// <summary>Chinese-like text: characters drawn with a Zipf-like skew from 3,000 common code points, in sentences.</summary>
    private static string ChineseText(Random random, int length)
    {
        var text = new StringBuilder(length + 40);
        while (text.Length < length)
        {
            var sentence = random.Next(12, 40);
            for (var i = 0; i < sentence; i++)
            {
                var rank = (int)(3000 * Math.Pow(random.NextDouble(), 2.5));
                text.Append((char)(0x4E00 + rank * 7 % 20900));
            }

            text.Append(random.Next(6) == 0 ? '，' : '。');
        }

        return text.ToString();
    }

    private static byte[] BuildPdf(int pages, Random random)
    {
        string[] words = ["budget", "review", "launch", "market", "product", "revenue", "customer", "quarter", "growth", "policy", "travel", "office", "team", "plan", "risk"];
        var builder = new PdfDocumentBuilder();
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        for (var p = 0; p < pages; p++)
        {
            var page = builder.AddPage(PageSize.A4);
            for (var line = 0; line < 40; line++)
            {
                var text = string.Join(" ", Enumerable.Range(0, 12).Select(_ => words[random.Next(words.Length)])) + ".";
                page.AddText(text, 10, new PdfPoint(40, 800 - line * 18), font);
            }
        }

        return builder.Build();
    }
}
