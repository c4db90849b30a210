using Microsoft.JSInterop;

namespace WorkBrain.Web.Localization;

/// <summary>
/// The time zone of the browser this circuit serves, asked once per circuit (<c>Intl.DateTimeFormat().resolvedOptions()
/// .timeZone</c> through <c>workbrainUi.timeZone</c>); UTC until the browser has answered, and where it cannot (a page
/// rendered without a circuit, a zone the server does not know).
/// </summary>
public sealed class BrowserTimeZone(IJSRuntime js)
{
    private Task<TimeZoneInfo>? _asking;

    public TimeZoneInfo Zone { get; private set; } = TimeZoneInfo.Utc;

    /// <summary>True once the browser has been asked (whatever it answered).</summary>
    public bool IsKnown => _asking is { IsCompleted: true };

    /// <summary>Asks the browser the first time (call it after a render, when JS interop is available); later calls
    /// return the same answer.</summary>
    public Task<TimeZoneInfo> ResolveAsync() => _asking ??= AskAsync();

    public DateTimeOffset ToLocal(DateTimeOffset value) => TimeZoneInfo.ConvertTime(value, Zone);

    private async Task<TimeZoneInfo> AskAsync()
    {
        try
        {
            var id = await js.InvokeAsync<string?>("workbrainUi.timeZone");
            if (!string.IsNullOrWhiteSpace(id) && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone))
            {
                Zone = zone;
            }
        }
        catch (Exception e) when (e is JSException or JSDisconnectedException or InvalidOperationException or TaskCanceledException)
        {
            // No answer (the circuit went away, or an old script): UTC stays.
        }

        return Zone;
    }
}
