namespace WorkBrain.Core.Experts;

/// <summary>Which engine an expert uses when it can run in process or on a server: "remote" and "local" are taken as
/// asked; anything else ("auto") means the server when one is configured, else the local engine.</summary>
public static class BackendChoice
{
    public const string Remote = "remote";
    public const string Local = "local";

    public static string Resolve(string? backend, bool hasRemote) => backend switch
    {
        Remote => Remote,
        Local => Local,
        _ => hasRemote ? Remote : Local,
    };
}
