using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Smart.AspNetCore.Clients;
using Smart.AspNetCore.Interaction;

var builder = WebApplication.CreateBuilder(args);

// The EHR's own sign-in. This cookie login is a stand-in: replace it with the EHR's real one.
builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie(o => o.LoginPath = "/account/login");
builder.Services.AddAuthorization();
builder.Services.AddAntiforgery();

builder.Services.AddSmartOnFhir(o =>
    {
        o.FhirBaseUrl = new Uri(builder.Configuration["Smart:FhirBaseUrl"] ?? "http://localhost:5000/fhir");
        o.RequireHttps = !builder.Environment.IsDevelopment(); // plain http on loopback during development only
    })
    .AddDevelopmentSigningKeys() // App_Data/smart-signing-keys.json: development only, use real keys in production
    .AddInMemoryClients([
        new SmartClient
        {
            ClientId = "my-app", // a public app (PKCE, no secret)
            RedirectUris = { "http://localhost:5000/app/callback" },
            AllowedScopes = { "openid", "fhirUser", "launch/patient", "patient/*.rs" },
        },
    ])
    .AddResourceServer()
    .AddDefaultInteractionPages();
builder.Services.AddSingleton<ISmartPatientDirectory, PatientDirectory>();

var app = builder.Build();
app.UseAuthentication();
app.UseAuthorization();
app.UseAntiforgery();
app.MapSmartOnFhir();

// The login stand-in: any user name with a non-empty password signs in as that practitioner.
app.MapGet("/account/login", (HttpContext context, IAntiforgery antiforgery, string? returnUrl) =>
{
    var tokens = antiforgery.GetAndStoreTokens(context);
    var html = $"""
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><title>Sign in</title></head><body><main>
        <h1>Sign in</h1>
        <form method="post" action="/account/login">
          <input type="hidden" name="{tokens.FormFieldName}" value="{WebUtility.HtmlEncode(tokens.RequestToken)}">
          <input type="hidden" name="returnUrl" value="{WebUtility.HtmlEncode(returnUrl ?? "/")}">
          <label for="username">User name</label> <input id="username" name="username" autocomplete="username" required>
          <label for="password">Password</label> <input id="password" name="password" type="password" autocomplete="current-password" required>
          <button type="submit">Sign in</button>
        </form>
        </main></body></html>
        """;
    return Results.Content(html, "text/html; charset=utf-8");
});
app.MapPost("/account/login", async (HttpContext context, [Microsoft.AspNetCore.Mvc.FromForm] LoginForm form) =>
{
    if (string.IsNullOrWhiteSpace(form.Username) || string.IsNullOrEmpty(form.Password))
    {
        return Results.BadRequest();
    }

    var identity = new ClaimsIdentity(
        [new Claim("sub", form.Username), new Claim("fhirUser", "Practitioner/" + form.Username)],
        CookieAuthenticationDefaults.AuthenticationScheme);
    await context.SignInAsync(new ClaimsPrincipal(identity));
    return Results.LocalRedirect(string.IsNullOrEmpty(form.ReturnUrl) || !form.ReturnUrl.StartsWith('/') ? "/" : form.ReturnUrl);
});

// One FHIR endpoint under SMART scopes (patient/Patient.rs, and only the token's patient).
app.MapGroup("/fhir").RequireSmartAuthorization()
    .MapGet("/Patient/{id}", (string id) => Results.Text($$"""{"resourceType":"Patient","id":"{{id}}"}""", "application/fhir+json"));

app.Run();

/// <summary>The login stand-in's form.</summary>
internal sealed record LoginForm(string? Username, string? Password, string? ReturnUrl);

/// <summary>The patients a signed-in user may pick in the standalone launch: replace with the EHR's own search.</summary>
internal sealed class PatientDirectory : ISmartPatientDirectory
{
    public Task<IReadOnlyList<SmartPatientChoice>> GetPatientsAsync(ClaimsPrincipal user, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<SmartPatientChoice>>([new("pat-1", "Ada Lovelace (1815-12-10)"), new("pat-2", "Alan Turing (1912-06-23)")]);
}

/// <summary>The entry point, visible to the tests' <c>WebApplicationFactory</c>.</summary>
public partial class Program;
