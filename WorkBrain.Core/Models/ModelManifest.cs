using System.Text.Json;
using System.Text.Json.Serialization;

namespace WorkBrain.Core.Models;

/// <summary>One file of a model: where it lives under the model's folder, its size and checksum, and where to get it.</summary>
public sealed record ModelFile(
    [property: JsonPropertyName("path")] string Path,
    [property: JsonPropertyName("size")] long Size,
    [property: JsonPropertyName("sha256")] string Sha256,
    [property: JsonPropertyName("sources")] IReadOnlyList<string> Sources);

/// <summary>An entry of models/models.json.</summary>
public sealed record ModelEntry(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("expert")] string Expert,
    [property: JsonPropertyName("format")] string Format,
    [property: JsonPropertyName("directory")] string Directory,
    [property: JsonPropertyName("licence")] string Licence,
    [property: JsonPropertyName("description")] string Description,
    [property: JsonPropertyName("files")] IReadOnlyList<ModelFile> Files)
{
    /// <summary>The sum of the files' sizes, or 0 (unknown) while any file's size is not pinned: a partly pinned
    /// entry's known sizes would understate the download.</summary>
    [JsonIgnore]
    public long TotalSize => Files.Any(f => f.Size <= 0) ? 0 : Files.Sum(f => f.Size);
}

public sealed record ModelManifest([property: JsonPropertyName("models")] IReadOnlyList<ModelEntry> Models)
{
    public static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNameCaseInsensitive = true };

    public ModelEntry? Find(string name) =>
        Models.FirstOrDefault(m => string.Equals(m.Name, name, StringComparison.OrdinalIgnoreCase));

    public static ModelManifest Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The model manifest {path} does not exist; set Models:Manifest to models/models.json.", path);
        }

        using var stream = File.OpenRead(path);
        return JsonSerializer.Deserialize<ModelManifest>(stream, Json)
               ?? throw new InvalidDataException($"The model manifest {path} is empty.");
    }
}
