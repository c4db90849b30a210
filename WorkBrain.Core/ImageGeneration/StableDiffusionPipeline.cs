using WorkBrain.Core.Engines.Onnx;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.ML.OnnxRuntime;

namespace WorkBrain.Core.ImageGeneration;

/// <summary>
/// Stable Diffusion on ONNX Runtime for diffusers' ONNX layout (tokenizer/, text_encoder/, unet/, vae_decoder/, scheduler/):
/// CLIP tokens → text embeddings; seeded noise; per step the UNet's noise estimate (with classifier-free guidance
/// when guidance &gt; 1, or LCM's guidance embedding) moves the latents through the scheduler; the VAE decodes
/// latents / scaling_factor into pixels, written as PNG.
/// </summary>
public sealed class StableDiffusionPipeline : IDisposable
{
    public static readonly string[] RequiredFiles =
    [
        "tokenizer/vocab.json", "tokenizer/merges.txt", "text_encoder/model.onnx", "unet/model.onnx", "vae_decoder/model.onnx",
    ];

    private readonly InferenceSession _textEncoder;
    private readonly InferenceSession _unet;
    private readonly InferenceSession _vaeDecoder;
    private readonly ClipTokenizer _tokenizer;
    private readonly SchedulerConfig _scheduler;
    private readonly double _scalingFactor;
    private readonly bool _unetBatches;
    private readonly SessionUseGuard _guard;

    public StableDiffusionPipeline(string directory, OnnxSessionFactory sessions, OnnxSessionSettings settings)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        var missing = Missing(directory);
        if (missing.Count > 0)
        {
            throw new FileNotFoundException($"The Stable Diffusion export in {directory} lacks {string.Join(", ", missing)}.");
        }

        Directory = directory;
        var name = Path.GetFileName(Path.TrimEndingDirectorySeparator(directory));
        _tokenizer = ClipTokenizer.Load(Path.Combine(directory, "tokenizer"));
        _scheduler = SchedulerConfig.Load(Path.Combine(directory, "scheduler", "scheduler_config.json"));
        _scalingFactor = ReadScalingFactor(directory);
        _textEncoder = sessions.Create(name, Path.Combine(directory, "text_encoder", "model.onnx"), settings);
        _unet = sessions.Create(name, Path.Combine(directory, "unet", "model.onnx"), settings, out var device);
        _vaeDecoder = sessions.Create(name, Path.Combine(directory, "vae_decoder", "model.onnx"), settings);
        Device = device;
        var (textEncoder, unet, vaeDecoder) = (_textEncoder, _unet, _vaeDecoder);
        _guard = new SessionUseGuard(name, () =>
        {
            textEncoder.Dispose();
            unet.Dispose();
            vaeDecoder.Dispose();
        });

        var sampleDims = _unet.InputMetadata["sample"].Dimensions;
        _unetBatches = sampleDims.Length == 0 || sampleDims[0] != 1;
    }

    public string Directory { get; }

    public string Device { get; }

    public SchedulerConfig SchedulerConfig => _scheduler;

    public ClipTokenizer Tokenizer => _tokenizer;

    public static IReadOnlyList<string> Missing(string directory) =>
        RequiredFiles.Where(f => !File.Exists(Path.Combine(directory, f))).ToList();

    /// <summary>The scheduler by name ("auto" reads _class_name from scheduler_config.json).</summary>
    public IDiffusionScheduler CreateScheduler(string name, int steps)
    {
        var kind = name;
        if (kind == "auto")
        {
            kind = _scheduler.ClassName switch
            {
                "LCMScheduler" => "lcm",
                "EulerAncestralDiscreteScheduler" => "euler_ancestral",
                _ => "euler",
            };
        }

        return kind switch
        {
            "lcm" => new LcmScheduler(_scheduler, steps),
            "euler_ancestral" => new EulerScheduler(_scheduler, steps, ancestral: true),
            _ => new EulerScheduler(_scheduler, steps, ancestral: false),
        };
    }

    /// <param name="previewEvery">A preview of the latents with every this many steps (not the last, which the image
    /// follows at once); 0 for none.</param>
    public async IAsyncEnumerable<ImageGenerationUpdate> GenerateAsync(ImageRequest request, string schedulerName, int previewEvery = 0,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        Validate(request);

        // An unload while this runs frees the sessions once the image is made; one that came first fails here.
        using var use = _guard.Enter();
        var scheduler = CreateScheduler(schedulerName, request.Steps);
        var lcm = scheduler is LcmScheduler;
        var guided = request.Guidance > 1 && !lcm;
        var noise = new GaussianNoise(request.Seed);

        var (cond, hidden) = await Task.Run(() => Encode(request.Prompt), cancellationToken);
        var uncond = guided ? (await Task.Run(() => Encode(request.NegativePrompt ?? ""), cancellationToken)).Embeddings : null;

        var h = request.Height / 8;
        var w = request.Width / 8;
        var latents = new float[4 * h * w];
        noise.Fill(latents, scheduler.InitNoiseSigma);
        var scaled = new float[latents.Length];
        var steps = scheduler.Timesteps.Count;
        for (var i = 0; i < steps; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            scheduler.ScaleModelInput(latents, i, scaled);
            var t = scheduler.Timesteps[i];
            var eps = await Task.Run(() => PredictNoise(scaled, h, w, t, cond, uncond, hidden, request.Guidance, lcm), cancellationToken);
            scheduler.Step(eps, i, latents, noise);
            var preview = previewEvery > 0 && (i + 1) % previewEvery == 0 && i + 1 < steps ? LatentPreview.ToJpeg(latents, w, h) : null;
            yield return new DiffusionProgress(i + 1, steps, preview);
        }

        cancellationToken.ThrowIfCancellationRequested();
        var png = await Task.Run(() => Decode(latents, h, w), cancellationToken);
        yield return new GeneratedImage(png, "image/png", request.Width, request.Height, request.Seed);
    }

    private static void Validate(ImageRequest r)
    {
        if (r.Width % 8 != 0 || r.Height % 8 != 0 || r.Width is < 64 or > 2048 || r.Height is < 64 or > 2048)
        {
            throw new ArgumentException($"Image size {r.Width}x{r.Height} must be between 64 and 2048 and a multiple of 8.");
        }

        if (r.Steps is < 1 or > 150)
        {
            throw new ArgumentException($"Steps must be between 1 and 150, not {r.Steps}.");
        }
    }

    private (float[] Embeddings, int Hidden) Encode(string text)
    {
        var ids = _tokenizer.Encode(text);
        var inputName = _textEncoder.InputMetadata.Keys.First();
        var input = OnnxTensors.CreateIds(inputName, _textEncoder.InputMetadata[inputName], ids, [1, ids.Length]);
        using var outputs = _textEncoder.Run([input]);
        var hiddenState = outputs.FirstOrDefault(o => o.Name == "last_hidden_state") ?? outputs.First();
        var values = OnnxTensors.ReadFloats(hiddenState);
        return (values, values.Length / ids.Length);
    }

    private float[] PredictNoise(float[] sample, int h, int w, double t, float[] cond, float[]? uncond, int hidden, double guidance, bool lcm)
    {
        if (uncond is null)
        {
            return RunUnet(sample, 1, h, w, t, cond, hidden, lcm ? guidance : 0);
        }

        float[] both;
        var n = sample.Length;
        if (_unetBatches)
        {
            var samples = new float[2 * n];
            sample.CopyTo(samples, 0);
            sample.CopyTo(samples, n);
            both = RunUnet(samples, 2, h, w, t, [.. uncond, .. cond], hidden, 0);
        }
        else
        {
            both = [.. RunUnet(sample, 1, h, w, t, uncond, hidden, 0), .. RunUnet(sample, 1, h, w, t, cond, hidden, 0)];
        }

        var eps = new float[n];
        var g = (float)guidance;
        for (var i = 0; i < n; i++)
        {
            eps[i] = both[i] + (g * (both[n + i] - both[i]));
        }

        return eps;
    }

    private float[] RunUnet(float[] sample, int batch, int h, int w, double t, float[] context, int hidden, double lcmGuidance)
    {
        var meta = _unet.InputMetadata;
        var inputs = new List<NamedOnnxValue>
        {
            OnnxTensors.Create("sample", meta["sample"], sample, [batch, 4, h, w]),
            OnnxTensors.Create("encoder_hidden_states", meta["encoder_hidden_states"], context, [batch, ClipTokenizer.MaxLength, hidden]),
        };
        var timeMeta = meta["timestep"];
        var timeDims = timeMeta.Dimensions.Length == 0 ? Array.Empty<int>() : [timeMeta.Dimensions[0] == 1 ? 1 : batch];
        var times = Enumerable.Repeat((float)t, Math.Max(1, timeDims.Length == 0 ? 1 : timeDims[0])).ToArray();
        inputs.Add(OnnxTensors.Create("timestep", timeMeta, times, timeDims));
        if (meta.TryGetValue("timestep_cond", out var condMeta))
        {
            var dim = condMeta.Dimensions[^1] > 0 ? condMeta.Dimensions[^1] : 256;
            var embedding = GuidanceEmbedding((lcmGuidance - 1) * 1000, dim);
            var batched = Enumerable.Range(0, batch).SelectMany(_ => embedding).ToArray();
            inputs.Add(OnnxTensors.Create("timestep_cond", condMeta, batched, [batch, dim]));
        }

        using var outputs = _unet.Run(inputs);
        return OnnxTensors.ReadFloats(outputs.First());
    }

    private byte[] Decode(float[] latents, int h, int w)
    {
        var scaled = new float[latents.Length];
        var inv = (float)(1 / _scalingFactor);
        for (var i = 0; i < latents.Length; i++)
        {
            scaled[i] = latents[i] * inv;
        }

        var name = _vaeDecoder.InputMetadata.Keys.First();
        using var outputs = _vaeDecoder.Run([OnnxTensors.Create(name, _vaeDecoder.InputMetadata[name], scaled, [1, 4, h, w])]);
        var output = outputs.First();
        var pixels = OnnxTensors.ReadFloats(output);
        return PngWriter.FromPlanar(pixels, w * 8, h * 8);
    }

    /// <summary>LCM's sinusoidal embedding of the guidance scale w.</summary>
    internal static float[] GuidanceEmbedding(double w, int dim)
    {
        var half = dim / 2;
        var result = new float[dim];
        var step = Math.Log(10000.0) / (half - 1);
        for (var i = 0; i < half; i++)
        {
            var angle = w * Math.Exp(-step * i);
            result[i] = (float)Math.Sin(angle);
            result[half + i] = (float)Math.Cos(angle);
        }

        return result;
    }

    private static double ReadScalingFactor(string directory)
    {
        foreach (var file in new[] { "vae_decoder/config.json", "vae/config.json" })
        {
            var path = Path.Combine(directory, file);
            if (File.Exists(path))
            {
                using var doc = JsonDocument.Parse(File.ReadAllText(path));
                if (doc.RootElement.TryGetProperty("scaling_factor", out var f) && f.TryGetDouble(out var value) && value > 0)
                {
                    return value;
                }
            }
        }

        return 0.18215;
    }

    public void Dispose() => _guard.Dispose();
}
