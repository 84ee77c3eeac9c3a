using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Playwright;
using Smart.AspNetCore.Clients;
using Smart.AspNetCore.Interaction;
using Smart.AspNetCore.IntegrationTests.Infrastructure;

namespace Smart.AspNetCore.IntegrationTests.Browser;

/// <summary>
/// A new EHR that is not the sample, on a real Kestrel loopback port, serving the library's DEFAULT consent and
/// patient-picker pages (<c>AddDefaultInteractionPages()</c>), with Debian's Chromium driven by Playwright. Its sign-in
/// is one GET (<c>/login</c>) and the app's redirect URI (<c>/app/callback</c>) answers a plain page. Framing allows
/// one other origin (<see cref="Portal"/>) through <c>Smart:Framing:AllowedAncestors</c>.
/// </summary>
public sealed class DefaultPagesHost : IAsyncLifetime
{
    public const string ClientId = "my-app";
    public const string Portal = "https://portal.example.org";

    private readonly string _keyFile = Path.Combine(Path.GetTempPath(), "smart-default-pages-" + Guid.NewGuid().ToString("N"), "keys.json");
    private WebApplication? _app;
    private IPlaywright? _playwright;

    public string Origin { get; private set; } = string.Empty;

    public string FhirBase => Origin + "/fhir";

    public string Redirect => Origin + "/app/callback";

    public IBrowser Browser { get; private set; } = null!;

    private sealed class Patients : ISmartPatientDirectory
    {
        public Task<IReadOnlyList<SmartPatientChoice>> GetPatientsAsync(ClaimsPrincipal user, CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyList<SmartPatientChoice>>([new("pat-1", "Ada Lovelace (1815-12-10)"), new("pat-2", "Alan Turing (1912-06-23)")]);
    }

    public async Task InitializeAsync()
    {
        var port = KestrelSampleEhr.FreePort();
        Origin = $"http://127.0.0.1:{port}";

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = Environments.Development });
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, port));
        builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie(o => o.LoginPath = "/login");
        builder.Services.AddAuthorization();
        builder.Services.AddSmartOnFhir(o =>
            {
                o.FhirBaseUrl = new Uri(FhirBase);
                o.RequireHttps = false; // loopback development only
                o.Framing.AllowedAncestors.Add(Portal);
            })
            .AddDevelopmentSigningKeys(_keyFile)
            .AddInMemoryClients([new SmartClient
            {
                ClientId = ClientId,
                ClientName = "My App",
                RedirectUris = { Redirect },
                AllowedScopes = { "openid", "fhirUser", "launch/patient", "offline_access", "patient/*.rs" },
            }])
            .AddResourceServer()
            .AddDefaultInteractionPages();
        builder.Services.AddSingleton<ISmartPatientDirectory, Patients>();

        _app = builder.Build();
        _app.UseAuthentication();
        _app.UseAuthorization();
        _app.MapSmartOnFhir();
        _app.MapGet("/login", async (HttpContext context, string returnUrl) =>
        {
            var identity = new ClaimsIdentity([new Claim("sub", "dr-1"), new Claim("fhirUser", "Practitioner/dr-1")], "test");
            await context.SignInAsync(new ClaimsPrincipal(identity));
            return Results.LocalRedirect(returnUrl);
        });
        _app.MapGet("/app/callback", () => Results.Content("<!DOCTYPE html><html lang=\"en\"><title>App</title><main><h1>App</h1></main></html>", "text/html"));
        await _app.StartAsync();

        _playwright = await Playwright.CreateAsync();
        Browser = await Chromium.LaunchAsync(_playwright);
    }

    public Task<IBrowserContext> NewContextAsync() => Chromium.NewContextAsync(Browser);

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        var folder = Path.GetDirectoryName(_keyFile)!;
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
