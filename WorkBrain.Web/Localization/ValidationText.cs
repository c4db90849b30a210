using System.Globalization;
using System.Resources;

namespace WorkBrain.Web.Localization;

/// <summary>Form validation messages in the user's language, for DataAnnotations' ErrorMessageResourceType
/// (which reads public static properties).</summary>
public static class ValidationText
{
    private static readonly ResourceManager Resources = new(typeof(Strings).FullName!, typeof(Strings).Assembly);

    public static string Required => Get("Validation.Required");

    public static string Email => Get("Validation.Email");

    public static string PasswordLength => Get("Validation.PasswordLength");

    public static string EmailField => Get("Field.Email");

    public static string PasswordField => Get("Field.Password");

    private static string Get(string key) => Resources.GetString(key, CultureInfo.CurrentUICulture) ?? key;
}
