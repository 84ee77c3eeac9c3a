using Microsoft.Playwright;

namespace Smart.AspNetCore.IntegrationTests.Browser;

/// <summary>Debian's Chromium as every browser test launches it, and the page context they all use.</summary>
internal static class Chromium
{
    /// <summary>Where Debian's <c>chromium</c> package puts the browser (Playwright cannot download one here).</summary>
    public const string Path = "/usr/bin/chromium";

    /// <summary>Headless Chromium without the background traffic that would reach outside loopback.</summary>
    public static Task<IBrowser> LaunchAsync(IPlaywright playwright) =>
        playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Path,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });

    /// <summary>A fresh context (no cookies) with a desktop viewport and a 20 s default timeout (generous for loaded CI machines).</summary>
    public static async Task<IBrowserContext> NewContextAsync(IBrowser browser)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 1000 } });
        context.SetDefaultTimeout(20_000);
        return context;
    }
}
