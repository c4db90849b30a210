using WorkBrain.Core.Experts;

namespace WorkBrain.Core.Orchestration;

/// <summary>The registered experts by id, in the order of their descriptions (<see cref="ExpertCatalog"/>).</summary>
public sealed class ExpertRegistry
{
    private readonly Dictionary<string, IExpert> _experts;

    public ExpertRegistry(IEnumerable<IExpert> experts, ExpertCatalog? catalog = null)
    {
        Catalog = catalog ?? new ExpertCatalog();
        _experts = new Dictionary<string, IExpert>(StringComparer.Ordinal);
        foreach (var expert in experts)
        {
            // The last registration wins so that a host can replace a default expert.
            _experts[expert.Id] = expert;
        }
    }

    public ExpertCatalog Catalog { get; }

    /// <summary>The described experts that are installed, then any installed without a description.</summary>
    public IEnumerable<IExpert> Experts =>
        Catalog.All.Where(d => _experts.ContainsKey(d.Id)).Select(d => _experts[d.Id])
            .Concat(_experts.Values.Where(e => !Catalog.IsKnown(e.Id)));

    public IExpert? Find(string id) => _experts.GetValueOrDefault(id);

    /// <summary>Every described expert's status (installed or not), then those of experts without a description.</summary>
    public IReadOnlyList<ExpertStatus> Statuses() =>
        Catalog.All.Select(d => _experts.TryGetValue(d.Id, out var e)
                ? e.GetStatus()
                : new ExpertStatus(d.Id, ExpertState.NotConfigured, "none", "", "This expert is not installed in this build."))
            .Concat(_experts.Values.Where(e => !Catalog.IsKnown(e.Id)).Select(e => e.GetStatus()))
            .ToList();
}
