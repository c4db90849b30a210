using Microsoft.Extensions.Options;
using Microsoft.ML.OnnxRuntime;
using WorkBrain.Core.Engines.Onnx;
using WorkBrain.Core.Experts;
using WorkBrain.Core.Models;

namespace WorkBrain.Core.Vision.Ocr;

/// <summary>The PP-OCRv4 files (detection, orientation, recognition, key list), loaded once on first use.</summary>
public sealed class OcrModels(IOptions<ModelsOptions> models, IOptions<VisionOptions> vision, OnnxSessionFactory? sessions = null) : IDisposable
{
    public const string DetectionFile = "ch_PP-OCRv4_det_infer.onnx";
    public const string RecognitionFile = "ch_PP-OCRv4_rec_infer.onnx";
    public const string ClassifierFile = "ch_ppocr_mobile_v2.0_cls_infer.onnx";
    public const string KeysFile = "ppocr_keys_v1.txt";

    private static readonly string[] Files = [DetectionFile, RecognitionFile, ClassifierFile, KeysFile];
    private readonly Lock _gate = new();
    private Loaded? _loaded;

    internal sealed record Loaded(InferenceSession Detection, InferenceSession Classifier, InferenceSession Recognition, string[] Alphabet);

    private OnnxSessionFactory Sessions => sessions ?? OnnxSessionFactory.Default;

    public string PathOf(string file) => models.Value.PathOf(vision.Value.OcrDirectory, file);

    /// <summary>The files that are missing, empty when OCR can run.</summary>
    public IReadOnlyList<string> MissingFiles() => Files.Where(f => !File.Exists(PathOf(f))).ToList();

    internal Loaded Get()
    {
        lock (_gate)
        {
            if (_loaded is not null)
            {
                return _loaded;
            }

            var missing = MissingFiles();
            if (missing.Count > 0)
            {
                throw new ExpertException(
                    $"OCR models are not downloaded: {string.Join(", ", missing)} missing from {Path.GetDirectoryName(PathOf(DetectionFile))}. Pull the model \"pp-ocrv4\".");
            }

            _loaded = new Loaded(
                OnnxSessions.Create(Sessions, "pp-ocrv4", PathOf(DetectionFile)),
                OnnxSessions.Create(Sessions, "pp-ocrv4", PathOf(ClassifierFile)),
                OnnxSessions.Create(Sessions, "pp-ocrv4", PathOf(RecognitionFile)),
                CtcDecoder.LoadAlphabet(PathOf(KeysFile)));
            return _loaded;
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _loaded?.Detection.Dispose();
            _loaded?.Classifier.Dispose();
            _loaded?.Recognition.Dispose();
            _loaded = null;
        }
    }
}
