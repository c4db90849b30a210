using System.Security.Claims;
using Microsoft.Extensions.Options;

namespace WorkBrain.Web.Accounts;

/// <summary>Who is asking: the signed-in user's id, or the local user on a single-user install.</summary>
public sealed class CurrentUser(IOptions<AccountOptions> options)
{
    public string IdOf(ClaimsPrincipal? principal)
    {
        var id = principal?.Identity?.IsAuthenticated == true ? principal.FindFirstValue(ClaimTypes.NameIdentifier) : null;
        return string.IsNullOrEmpty(id) ? options.Value.LocalUserId : id;
    }
}
