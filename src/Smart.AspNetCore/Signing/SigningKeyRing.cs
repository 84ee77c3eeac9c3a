using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.Tokens;

namespace Smart.AspNetCore.Signing;

/// <summary>
/// The server's signing keys: at most one active key per algorithm, an active RS256 key for id_tokens (OIDC-1),
/// an active key for access tokens, and retired keys that are only published so their tokens still validate.
/// </summary>
internal sealed class SigningKeyRing
{
    private readonly Dictionary<string, SmartSigningKey> _active;

    /// <summary>Creates the ring and checks every rule.</summary>
    /// <param name="keys">The loaded keys, active and retired.</param>
    /// <param name="accessTokenAlgorithm">Algorithm that signs access tokens (<see cref="SmartSigningOptions.AccessTokenAlgorithm"/>).</param>
    /// <exception cref="SigningKeyException">One or more rules are broken; the message lists all of them.</exception>
    public SigningKeyRing(IEnumerable<SmartSigningKey> keys, string accessTokenAlgorithm)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var list = keys.ToArray();
        var problems = Check(list.Select(k => new SigningKeyDescriptor(k.KeyId, k.Algorithm, k.Retired)).ToArray(), accessTokenAlgorithm);
        if (problems.Count > 0)
        {
            throw new SigningKeyException(problems);
        }

        // Active keys first, then retired ones; the order within each group is the configured order.
        Keys = [.. list.Where(k => !k.Retired), .. list.Where(k => k.Retired)];
        _active = list.Where(k => !k.Retired).ToDictionary(k => k.Algorithm, StringComparer.Ordinal);
        IdTokenKey = _active[SmartSigningAlgorithms.RS256];
        AccessTokenKey = _active[accessTokenAlgorithm];
        ValidationKeys = [.. Keys.Select(k => k.Key)];
        JwksJson = WriteJwks(Keys);
        JwksUtf8 = Encoding.UTF8.GetBytes(JwksJson);
    }

    /// <summary>Loads the configured keys and builds the ring; logs each key's id, algorithm and state (never key material).</summary>
    /// <exception cref="SigningKeyException">A key cannot be loaded or the ring rules are broken.</exception>
    public static SigningKeyRing Create(SmartSigningOptions options, string contentRootPath, Microsoft.Extensions.Logging.ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        var ring = new SigningKeyRing(options.Keys.Select(k => SigningKeyLoader.Load(k, contentRootPath)), options.AccessTokenAlgorithm);
        foreach (var key in ring.Keys)
        {
            Logging.Log.SigningKeyLoaded(logger, key.KeyId, key.Algorithm, key.Retired ? "retired" : "active");
        }

        return ring;
    }

    /// <summary>All keys: active first, then retired.</summary>
    public IReadOnlyList<SmartSigningKey> Keys { get; }

    /// <summary>The active RS256 key that signs id_tokens (OpenID Connect requires RS256).</summary>
    public SmartSigningKey IdTokenKey { get; }

    /// <summary>The active key for <see cref="SmartSigningOptions.AccessTokenAlgorithm"/>.</summary>
    public SmartSigningKey AccessTokenKey { get; }

    /// <summary>Every key, including retired ones, for validating tokens this server issued.</summary>
    public IReadOnlyList<SecurityKey> ValidationKeys { get; }

    /// <summary>The JWKS document (<c>{"keys":[...]}</c>, RFC 7517 section 5) with the public JWK of every key.</summary>
    public string JwksJson { get; }

    /// <summary><see cref="JwksJson"/> as UTF-8, served by the JWKS endpoint.</summary>
    public ReadOnlyMemory<byte> JwksUtf8 { get; }

    /// <summary>The active key for <paramref name="algorithm"/>.</summary>
    /// <exception cref="InvalidOperationException">No active key has that algorithm.</exception>
    public SmartSigningKey GetActiveKey(string algorithm) =>
        TryGetActiveKey(algorithm, out var key)
            ? key
            : throw new InvalidOperationException($"No active signing key for algorithm '{algorithm}'. Configure a key with that Algorithm that is not Retired.");

    /// <summary>Finds the active key for <paramref name="algorithm"/>; retired keys are never returned.</summary>
    public bool TryGetActiveKey(string algorithm, [MaybeNullWhen(false)] out SmartSigningKey key)
    {
        ArgumentNullException.ThrowIfNull(algorithm);
        return _active.TryGetValue(algorithm, out key);
    }

    /// <summary>Checks the ring rules over key descriptors and returns every problem.</summary>
    /// <param name="keys">One descriptor per configured key; problem <see cref="SigningKeyProblem.KeyIndex"/> values are indices into this list.</param>
    /// <param name="accessTokenAlgorithm">The access token algorithm.</param>
    internal static IReadOnlyList<SigningKeyProblem> Check(IReadOnlyList<SigningKeyDescriptor> keys, string? accessTokenAlgorithm)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var problems = new List<SigningKeyProblem>();
        var seenIds = new Dictionary<string, int>(StringComparer.Ordinal);
        var activeByAlgorithm = new Dictionary<string, int>(StringComparer.Ordinal);

        for (var i = 0; i < keys.Count; i++)
        {
            var key = keys[i];
            if (key.KeyId is not null)
            {
                if (seenIds.TryGetValue(key.KeyId, out var first))
                {
                    problems.Add(new SigningKeyProblem(i, nameof(SmartSigningKeyOptions.KeyId), $"key id '{key.KeyId}' is already used by key {first}. Key ids must be unique: set a different KeyId, or remove the duplicate key."));
                }
                else
                {
                    seenIds.Add(key.KeyId, i);
                }
            }

            if (key.Algorithm is null || key.Retired)
            {
                continue;
            }

            if (activeByAlgorithm.TryGetValue(key.Algorithm, out var firstActive))
            {
                problems.Add(new SigningKeyProblem(i, nameof(SmartSigningKeyOptions.Retired), $"key {Describe(key, i)} is a second active {key.Algorithm} key (key {firstActive} is active too). At most one key per algorithm may be active: set Retired to true on the older key."));
            }
            else
            {
                activeByAlgorithm.Add(key.Algorithm, i);
            }
        }

        if (!activeByAlgorithm.ContainsKey(SmartSigningAlgorithms.RS256))
        {
            problems.Add(new SigningKeyProblem(null, nameof(SmartSigningOptions.Keys), "no active RS256 key. OpenID Connect requires RS256-signed id_tokens (OIDC-1): add a key with Algorithm 'RS256' (RSA, 2048 bits or more) that is not Retired."));
        }

        if (accessTokenAlgorithm is null || !SmartSigningAlgorithms.IsSupported(accessTokenAlgorithm))
        {
            problems.Add(new SigningKeyProblem(null, nameof(SmartSigningOptions.AccessTokenAlgorithm), $"algorithm '{accessTokenAlgorithm}' is not supported. Use RS256, RS384, ES256 or ES384 (only asymmetric algorithms are supported)."));
        }
        else if (accessTokenAlgorithm != SmartSigningAlgorithms.RS256 && !activeByAlgorithm.ContainsKey(accessTokenAlgorithm))
        {
            problems.Add(new SigningKeyProblem(null, nameof(SmartSigningOptions.AccessTokenAlgorithm), $"no active {accessTokenAlgorithm} key to sign access tokens. Add a key with Algorithm '{accessTokenAlgorithm}' that is not Retired, or set AccessTokenAlgorithm to the algorithm of an active key."));
        }

        return problems;
    }

    private static string Describe(SigningKeyDescriptor key, int index) => key.KeyId is null ? index.ToString(System.Globalization.CultureInfo.InvariantCulture) : $"'{key.KeyId}'";

    private static string WriteJwks(IReadOnlyList<SmartSigningKey> keys)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("keys");
            foreach (var key in keys)
            {
                JwkKeyConverter.Write(writer, key.PublicJwk);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.GetBuffer(), 0, checked((int)stream.Length));
    }
}
