using WorkBrain.Core.Experts;
using WorkBrain.Core.Orchestration;

namespace WorkBrain.Web.Components.Pages.Admin;

/// <summary>One line of the dashboard: what an expert is (status) and how it has been doing (figures).</summary>
/// <param name="DisplayName">The expert's described name, shown where the localizer has none for its id.</param>
public sealed record ExpertRow(ExpertStatus Status, ExpertFigures Figures, string? DisplayName = null);
