using Microsoft.Extensions.DependencyInjection;
using WorkBrain.Tests.Support;
using WorkBrain.Web.Accounts;

namespace WorkBrain.Tests.Web.Accounts;

/// <summary>Issue 13, item 12: a minimum password strength, with plain messages.</summary>
public sealed class PasswordStrengthTests : IAsyncLifetime
{
    private WorkBrainAppFactory _app = default!;

    public Task InitializeAsync()
    {
        _app = new WorkBrainAppFactory(new Dictionary<string, string?> { ["Accounts:RequireLogin"] = "true" });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private async Task<IReadOnlyList<string>> RegisterAsync(string email, string password)
    {
        using var scope = _app.Services.CreateScope();
        var (user, errors) = await scope.ServiceProvider.GetRequiredService<AccountService>().RegisterAsync(email, password);
        Assert.Equal(user is null, errors.Count > 0);
        return errors;
    }

    [Theory]
    [InlineData("aaaaaaaa", "repeats the same few characters")]
    [InlineData("abababababab", "repeats the same few characters")]
    [InlineData("abcabcabc", "repeats the same few characters")]
    [InlineData("aaaaaaaaaaaaaaaaaaaab", "repeats the same few characters")]
    [InlineData("12345678", "simple run")]
    [InlineData("hgfedcba", "simple run")]
    [InlineData("password1", "most common")]
    [InlineData("Password123!", "most common")]
    [InlineData("iloveyou", "most common")]
    [InlineData("carol.smith-1999", "must not contain your e-mail")]
    [InlineData("short", "at least 8")]
    public async Task Register_WeakPassword_IsRefusedWithAPlainReason(string password, string reason)
    {
        var errors = await RegisterAsync("carol.smith@example.org", password);

        Assert.Contains(errors, e => e.Contains(reason, StringComparison.Ordinal));
    }

    /// <summary>Issue 14: the reasons are in the reader's language, not English keys.</summary>
    [Theory]
    [InlineData("aaaaaaaa", "几个字符的重复")]
    [InlineData("12345678", "连续的字母或数字")]
    [InlineData("password1", "最常见的密码")]
    [InlineData("carol.smith-1999", "不能包含你的邮箱")]
    public async Task Register_WeakPasswordInChinese_ReasonIsChinese(string password, string reason)
    {
        var culture = System.Globalization.CultureInfo.CurrentUICulture;
        System.Globalization.CultureInfo.CurrentUICulture = System.Globalization.CultureInfo.GetCultureInfo(WorkBrain.Web.Localization.UiCultures.Chinese);
        try
        {
            var errors = await RegisterAsync("carol.smith@example.org", password);

            Assert.Contains(errors, e => e.Contains(reason, StringComparison.Ordinal));
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentUICulture = culture;
        }
    }

    [Theory]
    [InlineData("correct horse battery")]
    [InlineData("Tr0ub4dor&3x")]
    [InlineData("春眠不觉晓处处闻啼鸟")]
    public async Task Register_ReasonablePassword_IsAccepted(string password)
    {
        Assert.Empty(await RegisterAsync($"u{Guid.NewGuid():N}@example.org", password));
    }
}
