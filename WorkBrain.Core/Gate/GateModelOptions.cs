using System.ComponentModel.DataAnnotations;

namespace WorkBrain.Core.Gate;

/// <summary>Where the trained gate lives: a gate.json that names the ONNX file, the tokenizer and its vocabulary.</summary>
public sealed class GateModelOptions
{
    public const string Section = "Gate:Model";

    /// <summary>Path to gate.json; a relative path is looked up under the content root, then next to the executable.</summary>
    [Required]
    public string Path { get; set; } = "models/gate/gate.json";
}
