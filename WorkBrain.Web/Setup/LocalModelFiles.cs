namespace WorkBrain.Web.Setup;

/// <summary>A model the text engines can load from the models folder: a GGUF file (type llamasharp) or an ONNX model
/// folder with config.json, tokenizer.json and an .onnx file (type onnx).</summary>
public sealed record LocalModelFile(string Path, string Type, string Display);

public static class LocalModelFiles
{
    /// <summary>The GGUF files and ONNX model folders under <paramref name="root"/> (three levels deep, at most 50).</summary>
    public static IReadOnlyList<LocalModelFile> Find(string root)
    {
        if (!Directory.Exists(root))
        {
            return [];
        }

        var options = new EnumerationOptions { RecurseSubdirectories = true, MaxRecursionDepth = 3, IgnoreInaccessible = true };
        var gguf = Directory.EnumerateFiles(root, "*.gguf", options)
            .Where(f => !System.IO.Path.GetFileName(f).Contains("mmproj", StringComparison.OrdinalIgnoreCase))
            .Select(f => new LocalModelFile(f, "llamasharp", System.IO.Path.GetRelativePath(root, f)));
        var onnx = Directory.EnumerateFiles(root, "config.json", options)
            .Select(System.IO.Path.GetDirectoryName)
            .OfType<string>()
            .Where(d => File.Exists(System.IO.Path.Combine(d, "tokenizer.json")) && HasOnnx(d))
            .Select(d => new LocalModelFile(d, "onnx", System.IO.Path.GetRelativePath(root, d)));
        return gguf.Concat(onnx).OrderBy(f => f.Display, StringComparer.Ordinal).Take(50).ToList();
    }

    private static bool HasOnnx(string folder) =>
        Directory.EnumerateFiles(folder, "*.onnx").Any()
        || (Directory.Exists(System.IO.Path.Combine(folder, "onnx")) && Directory.EnumerateFiles(System.IO.Path.Combine(folder, "onnx"), "*.onnx").Any());
}
