using System.Text.Encodings.Web;
using System.Text.Json;
using Smart.AspNetCore.Discovery;
using Smart.AspNetCore.Protocol;

namespace Smart.AspNetCore.Endpoints.Discovery;

/// <summary>
/// Writes the discovery documents from <see cref="SmartServerMetadata"/> once; the endpoints serve the bytes.
/// </summary>
internal sealed class DiscoveryDocuments
{
    // Relaxed escaping keeps URLs and scopes readable ('+', '|'); the documents are served as application/json only.
    private static readonly JsonWriterOptions s_writerOptions = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public DiscoveryDocuments(SmartServerMetadata metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        Metadata = metadata;
        SmartConfiguration = WriteSmartConfiguration(metadata);
        OpenIdConfiguration = WriteOpenIdConfiguration(metadata);
    }

    public SmartServerMetadata Metadata { get; }

    /// <summary><c>.well-known/smart-configuration</c> (DISC-1..DISC-10).</summary>
    public ReadOnlyMemory<byte> SmartConfiguration { get; }

    /// <summary><c>.well-known/openid-configuration</c> (OIDC-4), or empty when OpenID Connect is not offered.</summary>
    public ReadOnlyMemory<byte> OpenIdConfiguration { get; }

    /// <summary>The v1 <c>oauth-uris</c> extension members, in the order of IG 1.0 (DISC-11, DISC-12).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> OAuthUris
    {
        get
        {
            var uris = new List<KeyValuePair<string, string>>(6);
            Add(uris, "authorize", Metadata.AuthorizationEndpoint);
            Add(uris, "token", Metadata.TokenEndpoint);
            Add(uris, "manage", Metadata.ManagementEndpoint);
            Add(uris, "introspect", Metadata.IntrospectionEndpoint);
            Add(uris, "revoke", Metadata.RevocationEndpoint);
            return uris;

            static void Add(List<KeyValuePair<string, string>> list, string name, string? value)
            {
                if (value is not null)
                {
                    list.Add(new(name, value));
                }
            }
        }
    }

    private static byte[] WriteSmartConfiguration(SmartServerMetadata m)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, s_writerOptions))
        {
            json.WriteStartObject();
            if (m.SupportsOpenIdConnect)
            {
                // DISC-6: issuer only with sso-openid-connect.
                json.WriteString("issuer", m.Issuer);
            }

            json.WriteString("jwks_uri", m.JwksUri);
            json.WriteStringIfPresent("authorization_endpoint", m.AuthorizationEndpoint);
            json.WriteStringIfPresent("token_endpoint", m.TokenEndpoint);
            if (m.TokenEndpointAuthMethodsSupported.Count > 0)
            {
                WriteArray(json, "token_endpoint_auth_methods_supported", m.TokenEndpointAuthMethodsSupported);
                WriteArray(json, "token_endpoint_auth_signing_alg_values_supported", m.TokenEndpointAuthSigningAlgValuesSupported);
            }

            WriteArray(json, "grant_types_supported", m.GrantTypesSupported);
            WriteArray(json, "scopes_supported", m.ScopesSupported);
            WriteArray(json, "response_types_supported", m.ResponseTypesSupported);
            WriteArray(json, "response_modes_supported", m.ResponseModesSupported);
            json.WriteBoolean("authorization_response_iss_parameter_supported", true); // RFC 9207 §3
            json.WriteStringIfPresent("management_endpoint", m.ManagementEndpoint);
            json.WriteStringIfPresent("introspection_endpoint", m.IntrospectionEndpoint);
            json.WriteStringIfPresent("revocation_endpoint", m.RevocationEndpoint);
            WriteArray(json, "code_challenge_methods_supported", m.CodeChallengeMethodsSupported);
            WriteArray(json, "capabilities", m.Capabilities);
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static byte[] WriteOpenIdConfiguration(SmartServerMetadata m)
    {
        if (!m.SupportsOpenIdConnect)
        {
            return [];
        }

        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, s_writerOptions))
        {
            json.WriteStartObject();
            json.WriteString("issuer", m.Issuer);
            json.WriteStringIfPresent("authorization_endpoint", m.AuthorizationEndpoint);
            json.WriteStringIfPresent("token_endpoint", m.TokenEndpoint);
            json.WriteString("jwks_uri", m.JwksUri);
            WriteArray(json, "response_types_supported", m.ResponseTypesSupported);
            WriteArray(json, "response_modes_supported", m.ResponseModesSupported);
            json.WriteBoolean("authorization_response_iss_parameter_supported", true); // RFC 9207 §3
            WriteArray(json, "subject_types_supported", ["public"]);
            WriteArray(json, "id_token_signing_alg_values_supported", [SmartSigningAlgorithms.RS256]);
            WriteArray(json, "scopes_supported", ["openid", "fhirUser", "profile", "launch", "launch/patient", "offline_access", "online_access"]);
            WriteArray(json, "claims_supported", ["iss", "sub", "aud", "exp", "iat", "auth_time", "nonce", "fhirUser", "profile"]);
            if (m.AuthorizationEndpoint is not null)
            {
                // OpenID Connect Prompt Create §4.1; max_age is always honoured (OpenID Connect Core §3.1.2.1).
                WriteArray(json, "prompt_values_supported", [.. Smart.AspNetCore.Interaction.AuthorizePrompts.Supported]);
            }

            WriteArray(json, "grant_types_supported", m.GrantTypesSupported);
            WriteArray(json, "code_challenge_methods_supported", m.CodeChallengeMethodsSupported);
            if (m.TokenEndpointAuthMethodsSupported.Count > 0)
            {
                WriteArray(json, "token_endpoint_auth_methods_supported", m.TokenEndpointAuthMethodsSupported);
                WriteArray(json, "token_endpoint_auth_signing_alg_values_supported", m.TokenEndpointAuthSigningAlgValuesSupported);
            }

            json.WriteStringIfPresent("introspection_endpoint", m.IntrospectionEndpoint);
            json.WriteStringIfPresent("revocation_endpoint", m.RevocationEndpoint);
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }


    private static void WriteArray(Utf8JsonWriter json, string name, IReadOnlyList<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values)
        {
            json.WriteStringValue(value);
        }

        json.WriteEndArray();
    }
}
