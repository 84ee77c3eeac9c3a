using System.Text.Json;
using FluentAssertions;
using Microsoft.Playwright;

namespace Smart.AspNetCore.IntegrationTests.Browser;

/// <summary>
/// Tabs through a page and records the stops inside one form (WCAG 2.1.1 keyboard, 2.4.3 focus order, 2.4.7 focus
/// visible): every stop must match <c>:focus-visible</c> and show an outline of at least 2 px.
/// </summary>
internal static class KeyboardWalk
{
    private static readonly JsonSerializerOptions s_json = new() { PropertyNameCaseInsensitive = true };

    /// <summary>
    /// Presses Tab until the stop named <paramref name="lastStop"/> has focus (at most <paramref name="maxTabs"/> times)
    /// and returns the names of the stops inside the form <c>[data-testid=formTestId]</c>, in the order visited.
    /// </summary>
    /// <param name="page">The page, focus at its top.</param>
    /// <param name="formTestId">The form's <c>data-testid</c>.</param>
    /// <param name="lastStop">The name of the last stop to reach.</param>
    /// <param name="maxTabs">How many Tabs at most.</param>
    /// <param name="nameExpression">The JavaScript expression naming the focused element <c>e</c> (e.g. <c>e.id || e.value</c>).</param>
    public static async Task<List<string>> TabThroughFormAsync(IPage page, string formTestId, string lastStop, int maxTabs, string nameExpression)
    {
        var script = $$"""
            () => {
              const e = document.activeElement;
              if (!e || !e.closest("[data-testid={{formTestId}}]")) return null;
              const style = getComputedStyle(e);
              return JSON.stringify({
                name: {{nameExpression}},
                focusVisible: e.matches(":focus-visible"),
                outline: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2 ? style.outlineWidth + " " + style.outlineStyle : "",
              });
            }
            """;
        var visited = new List<string>();
        for (var i = 0; i < maxTabs && (visited.Count == 0 || visited[^1] != lastStop); i++)
        {
            await page.Keyboard.PressAsync("Tab");
            var stopJson = await page.EvaluateAsync<string?>(script);
            if (stopJson is null)
            {
                continue;
            }

            var stop = JsonSerializer.Deserialize<FocusStop>(stopJson, s_json)!;
            stop.FocusVisible.Should().BeTrue($"{stop.Name} has keyboard focus");
            stop.Outline.Should().NotBeEmpty($"{stop.Name} must show where the keyboard focus is");
            visited.Add(stop.Name);
        }

        return visited;
    }

    private sealed record FocusStop(string Name, bool FocusVisible, string Outline);
}
