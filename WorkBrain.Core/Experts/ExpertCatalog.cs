using WorkBrain.Core.Turns;

namespace WorkBrain.Core.Experts;

/// <summary>Every expert this host knows: the eight built in, then those registered with <c>AddExpert</c> (a registration
/// with a built-in id replaces its description).</summary>
public sealed class ExpertCatalog
{
    private readonly List<ExpertDescriptor> _all;
    private readonly Dictionary<string, ExpertDescriptor> _byId;

    public ExpertCatalog(IEnumerable<ExpertDescriptor>? registered = null)
    {
        _all = [.. ExpertDescriptors.BuiltIn];
        foreach (var d in registered ?? [])
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(d.Id);
            var i = _all.FindIndex(e => string.Equals(e.Id, d.Id, StringComparison.Ordinal));
            if (i >= 0)
            {
                _all[i] = d;
            }
            else
            {
                _all.Add(d);
            }
        }

        _byId = _all.ToDictionary(d => d.Id, StringComparer.Ordinal);
    }

    /// <summary>The built-in eight (gate order), then the added ones in registration order.</summary>
    public IReadOnlyList<ExpertDescriptor> All => _all;

    public ExpertDescriptor? Find(string id) => _byId.GetValueOrDefault(id);

    public bool IsKnown(string id) => _byId.ContainsKey(id);

    public string DisplayName(string id) => Find(id)?.DisplayName ?? id;

    public bool WritesText(string id) => Find(id)?.WritesText == true;

    public ExpertStage StageOf(string id) => Find(id)?.Stage ?? ExpertStage.WithOthers;

    /// <summary>The experts an attachment of this kind points at.</summary>
    public IEnumerable<ExpertDescriptor> TakingEvidence(AttachmentKind kind) => _all.Where(d => d.TakesEvidence(kind));
}
