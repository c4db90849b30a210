using WorkBrain.Core.Experts;

namespace WorkBrain.Core.Orchestration;

/// <summary>The registered experts by id.</summary>
public sealed class ExpertRegistry
{
    private readonly Dictionary<string, IExpert> _experts;

    public ExpertRegistry(IEnumerable<IExpert> experts)
    {
        _experts = new Dictionary<string, IExpert>(StringComparer.Ordinal);
        foreach (var expert in experts)
        {
            // The last registration wins so that a host can replace a default expert.
            _experts[expert.Id] = expert;
        }
    }

    public IEnumerable<IExpert> Experts => ExpertIds.All.Where(_experts.ContainsKey).Select(id => _experts[id]);

    public IExpert? Find(string id) => _experts.GetValueOrDefault(id);

    public IReadOnlyList<ExpertStatus> Statuses() =>
        ExpertIds.All.Select(id => _experts.TryGetValue(id, out var e)
            ? e.GetStatus()
            : new ExpertStatus(id, ExpertState.NotConfigured, "none", "", "This expert is not installed in this build.")).ToList();
}
