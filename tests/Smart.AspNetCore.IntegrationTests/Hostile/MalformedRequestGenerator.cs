using System.Text;
using Microsoft.IdentityModel.Tokens;
using Smart.AspNetCore.IntegrationTests.Infrastructure;

namespace Smart.AspNetCore.IntegrationTests.Hostile;

/// <summary>One generated request, described well enough to replay it from the failure message.</summary>
public sealed record GeneratedRequest(string Method, string Path, string Query, IReadOnlyList<KeyValuePair<string, string>> Headers, byte[] Body)
{
    public override string ToString() =>
        $"{Method} {Path}{Query} [{string.Join("; ", Headers.Select(h => h.Key + ": " + Truncate(h.Value)))}] body({Body.Length}): {Truncate(Encoding.UTF8.GetString(Body))}";

    private static string Truncate(string value) => value.Length <= 200 ? value : value[..200] + "…";
}

/// <summary>
/// Generates malformed requests from a seed (deterministic): random, oversized, repeated and missing parameters, broken
/// percent-encodings and UTF-8, odd content types, forged and truncated JWTs, malformed FHIR paths and search
/// parameters, against the authorization server endpoints and the FHIR API.
/// </summary>
public sealed class MalformedRequestGenerator(int seed, string validBearer, string confidentialBasic)
{
    private static readonly string[] s_oauthNames =
        ["client_id", "redirect_uri", "response_type", "scope", "state", "aud", "launch", "code_challenge", "code_challenge_method", "nonce",
         "grant_type", "code", "code_verifier", "refresh_token", "client_secret", "client_assertion", "client_assertion_type", "token",
         "token_type_hint", "request_id", "prompt", "resource"];

    private static readonly string[] s_plausible =
        ["growth-chart", "confidential-app", "asymmetric-app", "backend-service", "unknown-app", SmartFlowClient.GrowthChartRedirect,
         "code", "token", "authorization_code", "refresh_token", "client_credentials", "password", SampleEhrFactory.FhirBase,
         "urn:ietf:params:oauth:client-assertion-type:jwt-bearer", "S256", "plain", "launch/patient patient/*.rs openid fhirUser",
         "system/*.rs", "patient/Observation.rs?category=vital-signs", "confidential-secret", "none", "consent", "login", "access_token"];

    private static readonly string[] s_brokenEscapes = ["%", "%z", "%zz", "%00", "%0D%0A", "%C3%28", "%ED%A0%80", "%F0%9F", "%uD800", "%25%", "+%2B+", "%FF%FE", "&&", "==", "=&=", "%3D%26"];

    private static readonly string[] s_contentTypes =
        ["application/x-www-form-urlencoded", "application/x-www-form-urlencoded; charset=utf-8", "application/x-www-form-urlencoded; charset=ISO-8859-1",
         "application/x-www-form-urlencoded; charset=utf-16", "application/x-www-form-urlencoded; charset=bogus", "application/x-www-form-urlencoded;;;",
         "multipart/form-data", "multipart/form-data; boundary=", "multipart/form-data; boundary=b", "multipart/form-data; boundary=\"unterminated",
         "application/json", "application/fhir+json", "text/plain", "application/xml", "*/*", "", "garbage", "application/x-www-form-urlencoded, text/plain"];

    private static readonly string[] s_fhirTypes = ["Patient", "Observation", "Condition", "Encounter", "AuditEvent", "Practitioner", "Bogus", "patient", "*", "metadata", "_search", "_history", "$export", "$everything", "$", ".well-known", "smart-configuration", "auth"];

    private static readonly string[] s_searchNames = ["_id", "patient", "subject", "code", "category", "date", "_count", "_include", "_revinclude", "_sort", "_elements", "_summary", "_format", "status", "value-quantity", "_has", "name", "birthdate", ":missing", "date:foo", "_count:exact"];

    private static readonly string[] s_searchValues = ["peds-001", "Patient/peds-001", "http://loinc.org|8302-2", "|", "vital-signs", "ge2020-01-01", "lt", "eq2020-13-45", "2020", "-1", "0", "99999999999999999999", "abc", "Observation:subject", "Observation:*", "*", "Patient:link:Patient", "json", "true", "..", "Patient/", "/", ""];

    private const string Punctuation = "%&=?#/.:;*| \"'<>{}+,~\\é漢\uFFFD";

    private readonly Random _random = new(seed);

    public GeneratedRequest Next() => Pick(10) switch
    {
        0 or 1 => AuthorizeGet(),
        2 => AuthorizePost(),
        3 or 4 => OAuthPost("/fhir/auth/token"),
        5 => OAuthPost(Pick(2) == 0 ? "/fhir/auth/introspect" : "/fhir/auth/revoke"),
        6 or 7 => Fhir(),
        8 => FhirWrite(),
        _ => Misc(),
    };

    private GeneratedRequest AuthorizeGet() => new("GET", "/fhir/auth/authorize", "?" + RawParameters(), [], []);

    private GeneratedRequest AuthorizePost()
    {
        var (contentType, body) = Body();
        return new("POST", "/fhir/auth/authorize", Pick(4) == 0 ? "?" + RawParameters() : string.Empty, Headers(contentType, authorization: false), body);
    }

    private GeneratedRequest OAuthPost(string path)
    {
        var (contentType, body) = Body();
        return new(Pick(20) == 0 ? "GET" : "POST", path, string.Empty, Headers(contentType, authorization: true), body);
    }

    private GeneratedRequest Fhir()
    {
        var segments = Enumerable.Range(0, Pick(5)).Select(_ => Pick(3) == 0 ? Text(12) : Choose(s_fhirTypes) + (Pick(3) == 0 ? "/" + Id() : string.Empty));
        var path = "/fhir/" + string.Join('/', segments) + (Pick(6) == 0 ? "/" : string.Empty);
        var query = string.Join('&', Enumerable.Range(0, Pick(6)).Select(_ => Escape(Pick(5) == 0 ? Text(10) : Choose(s_searchNames)) + "=" + (Pick(3) == 0 ? Choose(s_brokenEscapes) : Escape(Pick(4) == 0 ? Text(20) : Choose(s_searchValues)))));
        var method = Choose(["GET", "GET", "GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS"]);
        var headers = new List<KeyValuePair<string, string>>();
        AddBearer(headers);
        byte[] body = [];
        if (method is "POST" or "PUT" or "PATCH")
        {
            headers.Add(new("Content-Type", Choose(["application/fhir+json", "application/json", "application/x-www-form-urlencoded", "text/plain", "application/json-patch+json"])));
            body = Encoding.UTF8.GetBytes(Choose(["{", "{}", "[]", "null", """{"resourceType":"Bundle","type":"batch","entry":[{"request":{"method":"GET","url":"Patient/peds-001"}}]}""", """{"resourceType":"Observation"}""", Text(200), "_id=peds-001&_count=x"]));
        }

        return new(method, path, query.Length == 0 ? string.Empty : "?" + query, headers, body);
    }

    private GeneratedRequest FhirWrite()
    {
        var headers = new List<KeyValuePair<string, string>>();
        AddBearer(headers);
        headers.Add(new("Content-Type", Choose(["application/fhir+json", "application/json", "application/fhir+json; charset=utf-16", "application/fhir+json; fhirVersion=9.9", "text/xml"])));
        var observation = "{\"resourceType\":\"Observation\",\"status\":\"" + Choose(["final", "bogus", ""])
            + "\",\"code\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"" + Choose(["8302-2", "29463-7", "x"])
            + "\"}]},\"subject\":{\"reference\":\"" + Choose(["Patient/peds-001", "Patient/adult-002", "Patient/", "", "urn:x"])
            + "\"},\"valueQuantity\":{\"value\":" + Choose(["1", "-1", "0", "1e999", "\"x\"", "null", "99999999999999999999999"])
            + ",\"unit\":\"" + Choose(["cm", "kg", "", "%00"]) + "\"}}";
        var body = Pick(3) == 0 ? Truncated(observation) : observation;
        return new(Choose(["POST", "PUT"]), "/fhir/Observation" + (Pick(2) == 0 ? "/" + Id() : string.Empty), string.Empty, headers, Encoding.UTF8.GetBytes(body));
    }

    private GeneratedRequest Misc()
    {
        var path = Choose(["/fhir/.well-known/smart-configuration", "/fhir/.well-known/openid-configuration", "/fhir/metadata", "/fhir/auth/jwks", "/fhir/auth/token", "/fhir/auth/authorize", "/fhir/auth"]);
        var headers = new List<KeyValuePair<string, string>>();
        if (Pick(2) == 0)
        {
            headers.Add(new("Origin", Choose(["http://evil.example", "null", "http://localhost", Text(20)])));
            headers.Add(new("Access-Control-Request-Method", Choose(["POST", "DELETE", "X"])));
        }

        AddBearer(headers);
        return new(Choose(["GET", "HEAD", "OPTIONS", "PUT", "DELETE", "TRACE"]), path, Pick(2) == 0 ? "?" + RawParameters() : string.Empty, headers, []);
    }

    private (string ContentType, byte[] Body) Body()
    {
        var contentType = Pick(3) == 0 ? Choose(s_contentTypes) : "application/x-www-form-urlencoded";
        var body = Pick(8) switch
        {
            0 => "--b\r\nContent-Disposition: form-data; name=\"grant_type\"\r\n\r\nclient_credentials\r\n" + (Pick(2) == 0 ? "--b--\r\n" : string.Empty),
            1 => Truncated(RawParameters()),
            2 => """{"grant_type":"client_credentials"}""",
            _ => RawParameters(),
        };
        var bytes = Encoding.UTF8.GetBytes(body);
        if (Pick(10) == 0)
        {
            bytes = [.. bytes, 0xC3, 0x28, 0xFF, 0xFE, 0x00];
        }

        return (contentType, bytes);
    }

    private List<KeyValuePair<string, string>> Headers(string contentType, bool authorization)
    {
        var headers = new List<KeyValuePair<string, string>>();
        if (contentType.Length > 0)
        {
            headers.Add(new("Content-Type", contentType));
        }

        if (authorization)
        {
            switch (Pick(6))
            {
                case 0:
                    headers.Add(new("Authorization", "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(Text(30)))));
                    break;
                case 1:
                    headers.Add(new("Authorization", Choose(["Basic", "Basic !!!", "Basic =", "Bearer", "Bearer ", "Digest x", "Basic " + Text(10).Replace('\r', ' ').Replace('\n', ' ')])));
                    break;
                case 2:
                    headers.Add(new("Authorization", Pick(2) == 0 ? confidentialBasic : "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("confidential-app:" + Text(8)))));
                    break;
                case 3:
                    AddBearer(headers);
                    break;
            }
        }

        return headers;
    }

    private void AddBearer(List<KeyValuePair<string, string>> headers)
    {
        switch (Pick(4))
        {
            case 0:
                headers.Add(new("Authorization", "Bearer " + validBearer));
                break;
            case 1:
                headers.Add(new("Authorization", "Bearer " + Jwt()));
                break;
            case 2:
                headers.Add(new("Authorization", Choose(["Bearer", "Bearer  ", "bearer " + validBearer, "Bearer " + validBearer + " extra", "Basic " + validBearer, "Bearer " + Truncated(validBearer)])));
                break;
        }
    }

    /// <summary>The raw text of a query or form: mutated OAuth parameters (dropped, repeated, oversized, broken escapes).</summary>
    private string RawParameters()
    {
        var parts = new List<string>();
        var count = Pick(10) == 0 ? 20 + Pick(60) : Pick(10);
        for (var i = 0; i < count; i++)
        {
            var name = Pick(8) == 0 ? Text(Pick(4) == 0 ? 300 : 8) : Choose(s_oauthNames);
            var value = Pick(7) switch
            {
                0 => Text(Pick(10) == 0 ? 20_000 : 30),
                1 => Jwt(),
                2 => Choose(s_brokenEscapes),
                3 => string.Join(' ', Enumerable.Range(0, Pick(150)).Select(_ => Choose(["patient/*.rs", "launch", "openid", "x"]))),
                _ => Choose(s_plausible),
            };
            var encodedName = Pick(5) == 0 ? name : Escape(name);
            var encodedValue = value.StartsWith('%') || value.Contains('&') ? value : Escape(value);
            parts.Add(Pick(15) == 0 ? encodedName : encodedName + "=" + encodedValue);
            if (Pick(12) == 0)
            {
                parts.Add(encodedName + "=" + encodedValue); // repeated
            }
        }

        return string.Join(Pick(20) == 0 ? "&&" : "&", parts);
    }

    /// <summary>A forged, truncated or mangled JWT.</summary>
    private string Jwt()
    {
        var header = Base64UrlEncoder.Encode($$"""{"alg":"{{Choose(["ES384", "RS384", "RS256", "none", "HS256", "", "dir"])}}","kid":"{{Choose(["asymmetric-es384-1", "backend-service-rs384-1", "test-rs256", "x"])}}","typ":"{{Choose(["JWT", "at+jwt", "x"])}}"}""");
        var payload = Base64UrlEncoder.Encode($$"""{"iss":"{{Choose(["asymmetric-app", "backend-service", SampleEhrFactory.FhirBase, "x"])}}","sub":"{{Choose(["asymmetric-app", "patient", "x"])}}","aud":"{{Choose([SampleEhrFactory.FhirBase + "/auth/token", SampleEhrFactory.FhirBase, "x"])}}","exp":{{Choose(["9999999999", "0", "-1", "1e400", "\"soon\"", "null"])}},"scope":"{{Choose(["system/*.rs", "patient/*.rs", "x"])}}","jti":"{{Pick(1000)}}"}""");
        var signature = Base64UrlEncoder.Encode(Bytes(Pick(3) == 0 ? 0 : 64));
        var jwt = Pick(6) switch
        {
            0 => header + "." + payload,
            1 => header + "." + payload + "." + signature + "." + signature,
            2 => Truncated(header + "." + payload + "." + signature),
            3 => Text(40),
            4 => validBearer[..^Math.Min(validBearer.Length, 1 + Pick(10))] + Choose(["A", "_", "-", "=="]),
            _ => header + "." + payload + "." + signature,
        };
        return jwt;
    }

    private string Id() => Pick(4) == 0 ? Text(8) : Choose(["peds-001", "adult-002", "sensitive-001", "x", new string('1', 65), "a.b", "..", "-"]);

    private string Text(int maxLength)
    {
        var length = Pick(maxLength + 1);
        var builder = new StringBuilder(length);
        for (var i = 0; i < length; i++)
        {
            builder.Append(Pick(4) switch
            {
                0 => (char)Pick(0x20),
                1 => Punctuation[Pick(Punctuation.Length)],
                2 => (char)Pick(0x10000),
                _ => (char)('a' + Pick(26)),
            });
        }

        return builder.ToString();
    }

    private string Truncated(string value) => value.Length == 0 ? value : value[..Pick(value.Length)];

    private byte[] Bytes(int length)
    {
        var bytes = new byte[length];
        _random.NextBytes(bytes);
        return bytes;
    }

    private static string Escape(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var rune in value.EnumerateRunes())
        {
            builder.Append(Uri.EscapeDataString(rune.ToString()));
        }

        return builder.ToString();
    }

    private string Choose(string[] values) => values[Pick(values.Length)];

    private int Pick(int exclusiveMax) => _random.Next(exclusiveMax);
}
