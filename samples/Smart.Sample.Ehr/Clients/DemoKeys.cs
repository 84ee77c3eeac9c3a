using System.Text.Json.Nodes;

namespace Smart.Sample.Ehr.Clients;

/// <summary>
/// The demo clients' key pairs, committed in <c>demo-keys/</c> so the demo apps and tests can sign client assertions.
/// DEMO ONLY: a real EHR never holds or serves a client's private key; it registers the client's public keys
/// (inline JWKS or, better, a <c>jwks_uri</c>) and nothing else.
/// </summary>
public static class DemoKeys
{
    /// <summary>The folder holding the keys, relative to the content root.</summary>
    public const string Folder = "demo-keys";

    private static readonly string[] s_publicMembers = ["kty", "kid", "alg", "use", "key_ops", "crv", "x", "y", "n", "e"];

    /// <summary>The path of a client's private JWK file.</summary>
    public static string PrivateKeyPath(string contentRoot, string clientId) =>
        Path.Combine(contentRoot, Folder, $"{clientId}.private.jwk.json");

    /// <summary>Reads a client's private JWK and returns a JWKS with its public part only.</summary>
    public static string PublicJwks(string contentRoot, string clientId)
    {
        var path = PrivateKeyPath(contentRoot, clientId);
        var privateKey = JsonNode.Parse(File.ReadAllText(path)) as JsonObject
            ?? throw new InvalidOperationException($"{path} does not hold a JSON Web Key.");

        var publicKey = new JsonObject();
        foreach (var member in s_publicMembers)
        {
            if (privateKey[member] is { } value)
            {
                publicKey[member] = value.DeepClone();
            }
        }

        return new JsonObject { ["keys"] = new JsonArray(publicKey) }.ToJsonString();
    }
}
