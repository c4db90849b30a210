using Bunit;
using Microsoft.AspNetCore.Components;

namespace WorkBrain.Tests.Support;

/// <summary>Clicks on components that re-render by themselves (engine status, registry changes, a finished handler):
/// the element is found and clicked on the renderer's own thread, so no render can slip between the two and leave the
/// click on a handler id that no longer exists.</summary>
public static class RenderedClicks
{
    public static Task ClickAsync<T>(this IRenderedComponent<T> cut, string selector)
        where T : IComponent =>
        cut.InvokeAsync(() => cut.Find(selector).Click());
}
