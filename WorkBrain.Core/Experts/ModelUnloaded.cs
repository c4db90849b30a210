namespace WorkBrain.Core.Experts;

/// <summary>The one message every in-process engine gives for a call that came after its model was unloaded (from
/// /admin or at shutdown): asking again loads it again.</summary>
public static class ModelUnloaded
{
    public static ExpertException Error(string model, Exception? inner = null) =>
        new($"The model {model} was unloaded; ask again to load it.", inner);
}
