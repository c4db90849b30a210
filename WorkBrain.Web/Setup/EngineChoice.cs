namespace WorkBrain.Web.Setup;

/// <summary>What the setup card saves for one capability: an engine of <paramref name="Type"/> ("openai" with an endpoint,
/// model and optional key; "llamasharp" or "onnx" with a path under the models folder). A null key keeps the key saved
/// before for the same endpoint.</summary>
public sealed record EngineChoice(string Type, string? Endpoint = null, string? Model = null, string? ApiKey = null, string? Path = null);

/// <summary>A saved engine as the card may show it: the key only masked (its last four characters), or marked unreadable
/// when the Data Protection keys it was protected with are gone.</summary>
public sealed record SavedEngine(string Capability, string Type, string? Endpoint, string? Model, string? Path, string? MaskedKey, bool KeyUnreadable);
