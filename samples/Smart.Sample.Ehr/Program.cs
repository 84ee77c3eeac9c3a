using Smart.Sample.Ehr;
using Smart.Sample.Ehr.Accounts;
using Smart.Sample.Ehr.Audit;
using Smart.Sample.Ehr.Clients;
using Smart.Sample.Ehr.Data;
using Smart.Sample.Ehr.Ehr;
using Smart.Sample.Ehr.Farm;
using Smart.Sample.Ehr.Fhir;
using Smart.Sample.Ehr.Health;
using Smart.Sample.Ehr.Telemetry;
using StackExchange.Redis;

var builder = WebApplication.CreateBuilder(args);

// The EHR's public origin comes from the FHIR base: Smart:FhirBaseUrl when given, else (Development) the first
// listening URL (--urls / ASPNETCORE_URLS), else http://localhost:5080. Moving the EHR to another host or port moves
// the issuer, the endpoints and the demo apps' redirect and launch URLs with it.
var (fhirBaseUrl, _) = SampleOrigin.Resolve(builder.Configuration, builder.Environment.IsDevelopment());
var origin = fhirBaseUrl.GetLeftPart(UriPartial.Authority);
var demoClients = DemoClients.Create(origin, builder.Environment.ContentRootPath, builder.Configuration.GetValue("Consent:Remember", true));

// In Development, listen on that origin (http://localhost:5080) unless --urls, ASPNETCORE_URLS or Kestrel settings say otherwise.
if (builder.Environment.IsDevelopment() && builder.Configuration["urls"] is null && builder.Configuration["http_ports"] is null
    && !builder.Configuration.GetSection("Kestrel:Endpoints").Exists())
{
    builder.WebHost.UseUrls(origin);
}

// 1. SMART on FHIR: the authorization server, its signing keys and the registered apps.
// Abuse (SAMPLE-CONTRACT): rate limiting of the authorization server and the login lockout are on unless
// RateLimiting:Enabled=false (for load, fuzz and race runs from one address).
var rateLimiting = builder.Configuration.GetValue("RateLimiting:Enabled", true);

builder.Services.AddSmartOnFhir(options =>
    {
        options.Events = new EhrSmartEvents();
        options.FhirBaseUrl = fhirBaseUrl;
        options.RateLimiting.Enabled = rateLimiting;
    })
    .AddDevelopmentSigningKeys()
    .AddInMemoryClients(demoClients)
    // Several instances, one EHR: ConnectionStrings:Redis moves the shared state and Data Protection keys to Redis.
    .AddFarmStores(builder.Configuration)
    // The audit trail as FHIR AuditEvents ({fhir}/AuditEvent for backend services, /ehr/audit for clinicians).
    .AddSampleAuditTrail()
    // The FHIR API is a SMART resource server: tokens validated, scopes enforced on every interaction. Updates under
    // patient/ or granular scopes are allowed because FhirApi checks the stored resource it replaces.
    .AddResourceServer(options => options.AllowUnverifiableWrites = true);

// Metrics and traces of the library (meter and activity source "Smart.AspNetCore"), on the console in Development.
builder.Services.AddSampleTelemetry(builder.Configuration);
builder.Services.AddHealthChecks().AddSmartOnFhir();

// 2. The EHR itself: sign-in (cookies, the default scheme), FHIR data, pages.
builder.Services.AddDemoAccounts();
// The login lockout is shared through Redis when the instances are a farm (ConnectionStrings:Redis), like the SMART state.
builder.Services.AddSingleton<ILoginLockout>(sp => sp.GetService<IConnectionMultiplexer>() is { } redis
    ? new RedisLoginLockout(redis, rateLimiting)
    : new InMemoryLoginLockout(rateLimiting, sp.GetRequiredService<TimeProvider>()));
builder.Services.AddDemoFhirData();
builder.Services.AddSingleton(new RegisteredApps(demoClients));
builder.Services.AddRazorPages(options =>
{
    options.Conventions.AuthorizeFolder("/Ehr");
    options.Conventions.AuthorizeFolder("/AppAuthorization");
    options.Conventions.AddPageRoute("/Ehr/Index", "/");
});

var app = builder.Build();

app.UseStoreUnavailablePage();
app.UseStaticFiles();
app.UseAuthentication();
app.UseAuthorization();

app.MapSmartOnFhir();
app.MapFhirApi().RequireSmartAuthorization();
app.MapEhrLaunch();
app.MapRazorPages();
app.MapDemoKeys(app.Environment);
app.MapSampleHealth();

app.Lifetime.ApplicationStarted.Register(() =>
{
    var url = app.Urls.FirstOrDefault() ?? origin;
    SampleLog.Running(app.Logger, url);
});

app.Run();

/// <summary>Exposed for <c>WebApplicationFactory&lt;Program&gt;</c>.</summary>
public partial class Program;
