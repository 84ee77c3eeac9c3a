using System.Net;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Smart.AspNetCore.Clients;

namespace Smart.AspNetCore.IntegrationTests.Clients;

/// <summary>
/// A small relying-party host on Kestrel using ASP.NET Core's own OpenID Connect handler
/// (Microsoft.AspNetCore.Authentication.OpenIdConnect) against the sample as a SMART authorization server. Everything
/// in the handler is its default (<c>response_mode=form_post</c>, PKCE S256, nonce, id_token validation from the
/// JWKS, <c>client_secret_post</c>) except: the authority and client credentials, <c>ResponseType = code</c>, the SMART
/// scopes, SMART's <c>aud</c> parameter (AUTHZ-3), <c>RequireHttpsMetadata = false</c> (loopback HTTP), and, for an
/// HTTP client that does not send <c>Secure</c> cookies over plain HTTP, <c>SecurePolicy = SameAsRequest</c> on its
/// correlation and nonce cookies. <c>GET /me</c> (signed-in only; otherwise it challenges) answers the user, the
/// SMART patient of the token response and the saved tokens as JSON.
/// </summary>
internal static class OpenIdConnectRelyingParty
{
    public const string ClientId = "aspnetcore-oidc-rp";
    public const string ClientSecret = "aspnetcore-oidc-rp-secret";
    public const string SessionCookie = "rp.session";
    private const string Scopes = "fhirUser launch/patient patient/Patient.rs";

    /// <summary>Registers the RP with the sample: a confidential client whose redirect URI is the handler's <c>/signin-oidc</c>.</summary>
    public static void Register(IServiceCollection sampleServices, string rpOrigin) =>
        sampleServices.AddSmartOnFhir().AddInMemoryClients(
        [
            new SmartClient
            {
                ClientId = ClientId,
                ClientName = "ASP.NET Core OpenID Connect RP",
                Kind = SmartClientKind.ConfidentialSymmetric,
                RedirectUris = { rpOrigin + "/signin-oidc" },
                Secrets = { SmartClientSecret.FromPlainText(ClientSecret) },
                AllowedScopes = { "openid", "profile", "fhirUser", "launch/patient", "patient/*.rs" },
            },
        ]);

    /// <summary>Builds the RP listening on 127.0.0.1:<paramref name="port"/> (start it with <c>StartAsync</c>).</summary>
    public static WebApplication Create(int port, string fhirBase, bool plainHttpCookies)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = Environments.Development });
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, port));
        builder.Services.AddAuthentication(o =>
            {
                o.DefaultScheme = CookieAuthenticationDefaults.AuthenticationScheme;
                o.DefaultChallengeScheme = OpenIdConnectDefaults.AuthenticationScheme;
            })
            .AddCookie(o => o.Cookie.Name = SessionCookie)
            .AddOpenIdConnect(o =>
            {
                o.Authority = fhirBase;
                o.RequireHttpsMetadata = false; // loopback HTTP only
                if (plainHttpCookies)
                {
                    o.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                    o.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                }

                o.ClientId = ClientId;
                o.ClientSecret = ClientSecret;
                o.ResponseType = OpenIdConnectResponseType.Code;
                o.SaveTokens = true;
                o.MapInboundClaims = false;
                foreach (var scope in Scopes.Split(' '))
                {
                    o.Scope.Add(scope);
                }

                o.Events.OnRedirectToIdentityProvider = context =>
                {
                    context.ProtocolMessage.SetParameter("aud", fhirBase); // SMART: the FHIR server the token is for
                    return Task.CompletedTask;
                };
                o.Events.OnTokenResponseReceived = context =>
                {
                    // SMART launch context comes beside the tokens in the token response.
                    context.Properties!.Items["smart.patient"] = context.TokenEndpointResponse.GetParameter("patient");
                    return Task.CompletedTask;
                };
            });
        builder.Services.AddAuthorization();

        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapGet("/me", async (HttpContext context) =>
        {
            var result = await context.AuthenticateAsync();
            return Results.Json(new Dictionary<string, string?>
            {
                ["sub"] = context.User.FindFirst("sub")?.Value,
                ["fhirUser"] = context.User.FindFirst("fhirUser")?.Value,
                ["issuer"] = context.User.FindFirst("sub")?.Issuer,
                ["patient"] = result.Properties?.GetString("smart.patient"),
                ["access_token"] = await context.GetTokenAsync("access_token"),
                ["id_token"] = await context.GetTokenAsync("id_token"),
                ["token_type"] = await context.GetTokenAsync("token_type"),
            });
        }).RequireAuthorization();
        return app;
    }
}
