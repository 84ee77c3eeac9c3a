using Smart.AspNetCore.Clients;

namespace Smart.Sample.Ehr.Clients;

/// <summary>The demo SMART apps registered at start-up (see the sample contract and README).</summary>
public static class DemoClients
{
    /// <summary>The sample Growth Chart app (public client, PKCE).</summary>
    public const string GrowthChart = "growth-chart";

    /// <summary>A confidential client using <c>client_secret_basic</c>/<c>client_secret_post</c>.</summary>
    public const string Confidential = "confidential-app";

    /// <summary>The demo secret of <see cref="Confidential"/>.</summary>
    public const string ConfidentialSecret = "confidential-secret";

    /// <summary>A confidential client using <c>private_key_jwt</c> (ES384).</summary>
    public const string Asymmetric = "asymmetric-app";

    /// <summary>A SMART Backend Services client (<c>client_credentials</c>, RS384).</summary>
    public const string BackendService = "backend-service";

    private static readonly string[] s_userAppScopes =
    [
        "launch", "launch/patient", "openid", "fhirUser", "profile", "offline_access", "online_access",
        "patient/*.rs", "patient/*.read", "user/*.rs", "user/*.read",
    ];

    // The general-purpose demo apps may also write (the sample's FHIR API creates and updates Observations).
    private static readonly string[] s_writeScopes = ["patient/*.cruds", "patient/*.*", "user/*.cruds", "user/*.*"];

    /// <summary>Creates the demo clients for an EHR reachable at <paramref name="origin"/> (e.g. <c>http://localhost:5080</c>).</summary>
    /// <param name="origin">The EHR's origin; redirect and launch URLs are built on it.</param>
    /// <param name="contentRoot">The content root holding <c>demo-keys/</c>.</param>
    /// <param name="rememberConsent">
    /// Whether the user apps remember consent (SAMPLE-CONTRACT "Connected apps"; <c>Consent:Remember</c>, on unless
    /// set to <c>false</c>); otherwise the consent page is shown at every authorization.
    /// </param>
    public static IReadOnlyList<SmartClient> Create(string origin, string contentRoot, bool rememberConsent = true)
    {
        ArgumentException.ThrowIfNullOrEmpty(origin);
        origin = origin.TrimEnd('/');

        var growthChart = new SmartClient
        {
            ClientId = GrowthChart,
            ClientName = "Growth Chart",
            Kind = SmartClientKind.Public,
            LaunchUrl = $"{origin}/apps/growth-chart/launch.html",
        };
        growthChart.RedirectUris.Add($"{origin}/apps/growth-chart/index.html");
        growthChart.AllowedCorsOrigins.Add(origin);
        AddScopes(growthChart, s_userAppScopes);

        // The Growth Chart app records measurements: it may create and update the patient's Observations.
        AddScopes(growthChart, ["patient/Observation.cu", "patient/Observation.write"]);

        var confidential = new SmartClient
        {
            ClientId = Confidential,
            ClientName = "Confidential Demo App",
            Kind = SmartClientKind.ConfidentialSymmetric,
        };
        confidential.RedirectUris.Add($"{origin}/apps/confidential/callback");
        confidential.Secrets.Add(SmartClientSecret.FromPlainText(ConfidentialSecret, description: "demo secret"));
        AddScopes(confidential, s_userAppScopes);
        AddScopes(confidential, s_writeScopes);

        var asymmetric = new SmartClient
        {
            ClientId = Asymmetric,
            ClientName = "Asymmetric Demo App",
            Kind = SmartClientKind.ConfidentialAsymmetric,
            Jwks = DemoKeys.PublicJwks(contentRoot, Asymmetric),
        };
        asymmetric.RedirectUris.Add($"{origin}/apps/asymmetric/callback");
        AddScopes(asymmetric, s_userAppScopes);
        AddScopes(asymmetric, s_writeScopes);

        var backend = new SmartClient
        {
            ClientId = BackendService,
            ClientName = "Backend Service",
            Kind = SmartClientKind.BackendService,
            Jwks = DemoKeys.PublicJwks(contentRoot, BackendService),
        };
        AddScopes(backend, ["system/*.rs", "system/*.read", "system/AuditEvent.rs"]);

        if (rememberConsent)
        {
            foreach (var app in new[] { growthChart, confidential, asymmetric })
            {
                app.Consent = SmartConsentPolicy.Remember;
            }
        }

        return [growthChart, confidential, asymmetric, backend];
    }

    private static void AddScopes(SmartClient client, IEnumerable<string> scopes)
    {
        foreach (var scope in scopes)
        {
            client.AllowedScopes.Add(scope);
        }
    }
}
