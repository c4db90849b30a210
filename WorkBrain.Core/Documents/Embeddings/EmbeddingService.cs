using WorkBrain.Core.Engines.Onnx;
using System.ClientModel;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using OpenAI;
using WorkBrain.Core.Models;
using WorkBrain.Core.Text.Gguf;

namespace WorkBrain.Core.Documents.Embeddings;

/// <summary>The embedding generator document_qa uses, if any: one registered in DI wins (tests, other hosts); else the
/// configured backend. Vectors come back unit-length. A missing local model or remote setting is a status, not a crash.</summary>
public sealed class EmbeddingService : IDisposable
{
    private readonly IOptions<EmbeddingsOptions> _options;
    private readonly IOptions<ModelsOptions> _models;
    private readonly Lazy<IEmbeddingGenerator<string, Embedding<float>>?> _generator;
    private readonly bool _injected;

    private readonly OnnxSessionFactory? _sessions;

    public EmbeddingService(IOptions<EmbeddingsOptions> options, IOptions<ModelsOptions> models, IEnumerable<IEmbeddingGenerator<string, Embedding<float>>> registered, OnnxSessionFactory? sessions = null)
    {
        _sessions = sessions;
        _options = options;
        _models = models;
        var injected = registered.FirstOrDefault();
        _injected = injected is not null;
        _generator = new Lazy<IEmbeddingGenerator<string, Embedding<float>>?>(() => injected ?? Create());
    }

    public IEmbeddingGenerator<string, Embedding<float>>? Generator => _generator.Value;

    /// <summary>"none", "local ONNX (…)", "remote (…)" — for the expert's status line.</summary>
    public string Describe()
    {
        var o = _options.Value;
        if (_injected)
        {
            return "embeddings: injected generator";
        }

        return o.Backend switch
        {
            "remote" when HasRemote(o) => $"embeddings: {o.Model} at {o.Endpoint}",
            "remote" => "embeddings: remote not configured (set Embeddings:Endpoint and Embeddings:Model)",
            "local" when LocalFilesExist(out _, out _) => $"embeddings: local ONNX {o.ModelDirectory}",
            "local" => $"embeddings: local model not downloaded ({LocalModelPath()}/model.onnx + vocab.txt)",
            "gguf" when File.Exists(GgufModelPath()) => $"embeddings: GGUF {Path.GetFileName(GgufModelPath())}",
            "gguf" => $"embeddings: GGUF model not downloaded ({GgufModelPath()})",
            _ => "no embeddings (BM25 only)",
        };
    }

    public async Task<float[]?> EmbedQueryAsync(string query, CancellationToken cancellationToken)
    {
        var vectors = await EmbedAsync([_options.Value.QueryPrefix + query], cancellationToken);
        return vectors?[0];
    }

    public async Task<List<float[]>?> EmbedAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken)
    {
        var generator = Generator;
        if (generator is null)
        {
            return null;
        }

        var result = await generator.GenerateAsync(texts, cancellationToken: cancellationToken);
        return result.Select(e =>
        {
            var vector = e.Vector.ToArray();
            OnnxEmbeddingGenerator.Normalize(vector);
            return vector;
        }).ToList();
    }

    private IEmbeddingGenerator<string, Embedding<float>>? Create()
    {
        var o = _options.Value;
        if (o.Backend == "remote" && HasRemote(o))
        {
            var clientOptions = new OpenAIClientOptions { Endpoint = new Uri(o.Endpoint!), NetworkTimeout = TimeSpan.FromSeconds(o.TimeoutSeconds) };
            var key = string.IsNullOrWhiteSpace(o.ApiKey) ? "none" : o.ApiKey;
            return new OpenAIClient(new ApiKeyCredential(key), clientOptions).GetEmbeddingClient(o.Model!).AsIEmbeddingGenerator();
        }

        if (o.Backend == "local" && LocalFilesExist(out var model, out var vocab))
        {
            return new OnnxEmbeddingGenerator(model, vocab, o.Pooling, o.MaxTokens, _sessions);
        }

        if (o.Backend == "gguf" && File.Exists(GgufModelPath()))
        {
            return LlamaSharpEngineFactory.CreateEmbeddingGenerator(new GgufEngineOptions { Path = GgufModelPath(), ContextSize = o.MaxTokens });
        }

        return null;
    }

    private string GgufModelPath() => Path.Combine(_models.Value.ResolveDirectory(), _options.Value.GgufPath);

    private static bool HasRemote(EmbeddingsOptions o) => !string.IsNullOrWhiteSpace(o.Endpoint) && !string.IsNullOrWhiteSpace(o.Model);

    private string LocalModelPath() => Path.Combine(_models.Value.ResolveDirectory(), _options.Value.ModelDirectory);

    private bool LocalFilesExist(out string model, out string vocab)
    {
        model = Path.Combine(LocalModelPath(), "model.onnx");
        vocab = Path.Combine(LocalModelPath(), "vocab.txt");
        return File.Exists(model) && File.Exists(vocab);
    }

    public void Dispose()
    {
        if (!_injected && _generator.IsValueCreated)
        {
            _generator.Value?.Dispose();
        }
    }
}
