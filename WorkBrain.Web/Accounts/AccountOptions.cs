namespace WorkBrain.Web.Accounts;

public sealed class AccountOptions
{
    public const string Section = "Accounts";

    public const string AdminRole = "admin";

    /// <summary>Whether every page, the hub and the files need a signed-in user (a multi-user install). When false,
    /// everyone acts as <see cref="LocalUserId"/>, who is also admin (a single-user install on a trusted machine).</summary>
    public bool RequireLogin { get; set; } = true;

    /// <summary>Whether new accounts may register themselves; the first account can always register.</summary>
    public bool AllowRegistration { get; set; } = true;

    /// <summary>An e-mail that is made admin when it registers (the first account is admin in any case).</summary>
    public string? AdminEmail { get; set; }



    /// <summary>The user every request acts as while sign-in is not required (a single-user install).</summary>
    public string LocalUserId { get; set; } = "local";
}
