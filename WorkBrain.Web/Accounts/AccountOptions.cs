using System.ComponentModel.DataAnnotations;

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

    /// <summary>Wrong passwords in a row that lock an account for <see cref="LockoutMinutes"/>
    /// (<c>users unlock EMAIL</c> on the command line ends it sooner).</summary>
    [Range(1, 1000)]
    public int MaxFailedSignIns { get; set; } = 5;

    [Range(1, 24 * 60)]
    public int LockoutMinutes { get; set; } = 15;

    /// <summary>How often a sign-in cookie is checked against the account (0: on every request), so a cookie kept
    /// after sign-out, a password reset or a lock stops working.</summary>
    [Range(0, 3600)]
    public int SecurityStampCheckSeconds { get; set; }

    /// <summary>The user every request acts as while sign-in is not required (a single-user install).</summary>
    public string LocalUserId { get; set; } = "local";
}
