namespace WorkBrain.Web.Accounts;

public sealed class AccountOptions
{
    public const string Section = "Accounts";

    /// <summary>The user every request acts as while sign-in is not required (a single-user install).</summary>
    public string LocalUserId { get; set; } = "local";
}
