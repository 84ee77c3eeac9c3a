namespace Smart.Sample.Ehr;

/// <summary>
/// Where the EHR says it lives: <c>Smart:FhirBaseUrl</c> when it is given (command line, environment, appsettings);
/// otherwise, in Development, <c>{first listening URL}/fhir</c> so that <c>--urls</c> / <c>ASPNETCORE_URLS</c> alone
/// move the issuer, the endpoints and the demo apps' URLs (SAMPLE-CONTRACT "Running it where you like"); and
/// <c>http://localhost:5080/fhir</c> when nothing says where to listen.
/// </summary>
public static class SampleOrigin
{
    /// <summary>The default FHIR base in Development when neither <c>Smart:FhirBaseUrl</c> nor <c>--urls</c> is given.</summary>
    public const string DefaultFhirBaseUrl = "http://localhost:5080/fhir";

    /// <summary>Resolves the FHIR base URL the EHR advertises.</summary>
    /// <param name="configuration">The host configuration (<c>urls</c> is where <c>--urls</c> and <c>ASPNETCORE_URLS</c> land).</param>
    /// <param name="isDevelopment">Whether the host runs in Development; elsewhere the base must be explicit.</param>
    /// <returns>The FHIR base and whether it followed the listening URL.</returns>
    public static (Uri FhirBaseUrl, bool FromListeningUrl) Resolve(IConfiguration configuration, bool isDevelopment)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var configured = configuration["Smart:FhirBaseUrl"];
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return (new Uri(configured, UriKind.Absolute), false);
        }

        if (!isDevelopment)
        {
            throw new InvalidOperationException("Set Smart:FhirBaseUrl to the EHR's public FHIR base, e.g. https://ehr.example.org/fhir.");
        }

        var listening = FirstListeningOrigin(configuration["urls"]);
        return listening is null ? (new Uri(DefaultFhirBaseUrl), false) : (new Uri(listening + "/fhir"), true);
    }

    /// <summary>
    /// The origin of the first usable URL in a <c>urls</c> value (<c>;</c>-separated). Wildcard hosts (<c>*</c>, <c>+</c>,
    /// <c>0.0.0.0</c>, <c>[::]</c>) become <c>localhost</c>; port 0 (a dynamic port, unknown before start) is skipped.
    /// </summary>
    /// <param name="urls">The <c>urls</c> setting, or <see langword="null"/>.</param>
    /// <returns>The origin without a trailing slash, or <see langword="null"/> when none is usable.</returns>
    public static string? FirstListeningOrigin(string? urls)
    {
        if (string.IsNullOrWhiteSpace(urls))
        {
            return null;
        }

        foreach (var raw in urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var schemeEnd = raw.IndexOf("://", StringComparison.Ordinal);
            if (schemeEnd <= 0)
            {
                continue;
            }

            var scheme = raw[..schemeEnd].ToLowerInvariant();
            var rest = raw[(schemeEnd + 3)..];
            var pathStart = rest.IndexOf('/', StringComparison.Ordinal);
            var authority = pathStart < 0 ? rest : rest[..pathStart];
            var portSeparator = authority.LastIndexOf(':');
            var host = portSeparator > 0 && !authority.EndsWith(']') ? authority[..portSeparator] : authority;
            var port = portSeparator > 0 && !authority.EndsWith(']') ? authority[(portSeparator + 1)..] : null;
            if (host is "*" or "+" or "0.0.0.0" or "[::]")
            {
                host = "localhost";
            }

            var candidate = port is null ? $"{scheme}://{host}" : $"{scheme}://{host}:{port}";
            if ((scheme is "http" or "https") && Uri.TryCreate(candidate, UriKind.Absolute, out var uri) && uri.Port != 0)
            {
                return uri.GetLeftPart(UriPartial.Authority);
            }
        }

        return null;
    }
}
