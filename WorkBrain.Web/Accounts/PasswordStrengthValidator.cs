using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace WorkBrain.Web.Accounts;

/// <summary>Beyond the minimum length: refuses passwords made of one or two repeated characters or a short repeated
/// pattern ("aaaaaaaa", "abababab"), straight runs ("12345678", "abcdefgh"), well-known passwords, and the e-mail itself.</summary>
internal sealed class PasswordStrengthValidator(IStringLocalizer<WorkBrain.Web.Localization.Strings> text) : IPasswordValidator<IdentityUser>
{
    private const int MinDistinctCharacters = 4;

    private static readonly HashSet<string> Common = new(StringComparer.OrdinalIgnoreCase)
    {
        "password", "password1", "password12", "password123", "passw0rd", "p@ssw0rd", "p@ssword", "iloveyou", "sunshine",
        "princess", "football", "baseball", "welcome1", "welcome123", "letmein1", "letmein123", "trustno1", "superman",
        "qwertyuiop", "qwerty123", "qwerty12", "1q2w3e4r", "1q2w3e4r5t", "1qaz2wsx", "zaq12wsx", "asdfghjkl", "zxcvbnm1",
        "monkey123", "dragon123", "master123", "shadow123", "starwars", "whatever", "changeme", "changeme1", "administrator",
        "admin123", "admin1234", "adminadmin", "workbrain", "workbrain1", "workbrain123", "secret123", "computer",
        "michael1", "jennifer", "liverpool", "chelsea1", "woaini1314", "woaini520", "5201314520", "iloveyou1", "abc12345",
        "abcd1234", "a1b2c3d4", "q1w2e3r4", "qazwsxedc", "asdf1234", "zxcv1234", "aa123456", "a1234567", "qq123456",
    };

    public Task<IdentityResult> ValidateAsync(UserManager<IdentityUser> manager, IdentityUser user, string? password)
    {
        ArgumentNullException.ThrowIfNull(user);
        var errors = new List<IdentityError>();
        var value = password ?? "";
        if (value.Length == 0)
        {
            return Task.FromResult(IdentityResult.Success); // the length rule says what is missing
        }

        var lower = value.ToLowerInvariant();
        if (lower.Distinct().Count() < MinDistinctCharacters || IsRepeatedPattern(lower))
        {
            errors.Add(Error("PasswordRepetitive"));
        }
        else if (IsStraightRun(lower))
        {
            errors.Add(Error("PasswordSequence"));
        }
        else if (Common.Contains(value) || Common.Contains(lower.TrimEnd('!', '.', '1')))
        {
            errors.Add(Error("PasswordCommon"));
        }

        var local = (user.Email ?? user.UserName ?? "").Split('@')[0].ToLowerInvariant();
        if (local.Length >= 4 && lower.Contains(local, StringComparison.Ordinal))
        {
            errors.Add(Error("PasswordContainsEmail"));
        }

        return Task.FromResult(errors.Count == 0 ? IdentityResult.Success : IdentityResult.Failed([.. errors]));
    }

    private IdentityError Error(string code) => new() { Code = code, Description = text["Identity." + code] };

    /// <summary>The whole password is one short block (at most 3 characters) written again and again.</summary>
    private static bool IsRepeatedPattern(string s)
    {
        for (var block = 1; block <= 3 && block < s.Length; block++)
        {
            var repeats = true;
            for (var i = block; i < s.Length && repeats; i++)
            {
                repeats = s[i] == s[i % block];
            }

            if (repeats)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Each character is the previous one plus or minus one ("12345678", "hgfedcba").</summary>
    private static bool IsStraightRun(string s)
    {
        var step = s[1] - s[0];
        if (Math.Abs(step) != 1)
        {
            return false;
        }

        for (var i = 2; i < s.Length; i++)
        {
            if (s[i] - s[i - 1] != step)
            {
                return false;
            }
        }

        return true;
    }
}
