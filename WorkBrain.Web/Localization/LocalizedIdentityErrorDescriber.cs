using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace WorkBrain.Web.Localization;

/// <summary>Identity's account errors in the user's language.</summary>
internal sealed class LocalizedIdentityErrorDescriber(IStringLocalizer<Strings> l) : IdentityErrorDescriber
{
    public override IdentityError DuplicateEmail(string email) => Error(nameof(DuplicateEmail), l["Identity.DuplicateEmail", email]);

    public override IdentityError DuplicateUserName(string userName) => Error(nameof(DuplicateUserName), l["Identity.DuplicateEmail", userName]);

    public override IdentityError InvalidEmail(string? email) => Error(nameof(InvalidEmail), l["Identity.InvalidEmail", email ?? ""]);

    public override IdentityError InvalidUserName(string? userName) => Error(nameof(InvalidUserName), l["Identity.InvalidEmail", userName ?? ""]);

    public override IdentityError PasswordTooShort(int length) => Error(nameof(PasswordTooShort), l["Identity.PasswordTooShort", length]);

    public override IdentityError PasswordMismatch() => Error(nameof(PasswordMismatch), l["Identity.PasswordMismatch"]);

    public override IdentityError PasswordRequiresDigit() => Error(nameof(PasswordRequiresDigit), l["Identity.PasswordRequiresDigit"]);

    public override IdentityError PasswordRequiresLower() => Error(nameof(PasswordRequiresLower), l["Identity.PasswordRequiresLower"]);

    public override IdentityError PasswordRequiresUpper() => Error(nameof(PasswordRequiresUpper), l["Identity.PasswordRequiresUpper"]);

    public override IdentityError PasswordRequiresNonAlphanumeric() => Error(nameof(PasswordRequiresNonAlphanumeric), l["Identity.PasswordRequiresNonAlphanumeric"]);

    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) => Error(nameof(PasswordRequiresUniqueChars), l["Identity.PasswordRequiresUniqueChars", uniqueChars]);

    public override IdentityError DefaultError() => Error(nameof(DefaultError), l["Identity.DefaultError"]);

    private static IdentityError Error(string code, string description) => new() { Code = code, Description = description };
}
