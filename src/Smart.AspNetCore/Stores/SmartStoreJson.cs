using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Smart.AspNetCore.Grants;
using Smart.AspNetCore.LaunchContext;

namespace Smart.AspNetCore.Stores;

/// <summary>
/// The one System.Text.Json serialization of every value a store keeps, source-generated (trimming-safe, no
/// reflection). Read-only collections (<see cref="SmartLaunchContext.FhirContext"/>,
/// <see cref="SmartLaunchContext.Parameters"/>) are populated on deserialization, so every property survives a round
/// trip. Use it in any store that serializes values, for example
/// <c>JsonSerializer.SerializeToUtf8Bytes(code, SmartStoreJson.AuthorizationCode)</c> and
/// <c>JsonSerializer.Deserialize(bytes, SmartStoreJson.AuthorizationCode)</c>.
/// </summary>
public static class SmartStoreJson
{
    /// <summary>The options of the generated context (web defaults, nulls omitted, read-only collections populated).</summary>
    public static JsonSerializerOptions Options => SmartStoreJsonContext.Default.Options;

    /// <summary>Serialization of <see cref="SmartAuthorizationCode"/> (with its grant and launch context).</summary>
    public static JsonTypeInfo<SmartAuthorizationCode> AuthorizationCode => SmartStoreJsonContext.Default.SmartAuthorizationCode;

    /// <summary>Serialization of <see cref="SmartRefreshToken"/> (with its grant and launch context).</summary>
    public static JsonTypeInfo<SmartRefreshToken> RefreshToken => SmartStoreJsonContext.Default.SmartRefreshToken;

    /// <summary>Serialization of <see cref="SmartStoredLaunch"/> (with its launch context).</summary>
    public static JsonTypeInfo<SmartStoredLaunch> StoredLaunch => SmartStoreJsonContext.Default.SmartStoredLaunch;

    /// <summary>Serialization of <see cref="SmartGrant"/>.</summary>
    public static JsonTypeInfo<SmartGrant> Grant => SmartStoreJsonContext.Default.SmartGrant;

    /// <summary>Serialization of <see cref="SmartConsent"/> (what a user approved for a client in one grant).</summary>
    public static JsonTypeInfo<SmartConsent> Consent => SmartStoreJsonContext.Default.SmartConsent;

    /// <summary>Serialization of <see cref="SmartLaunchContext"/> (with <c>fhirContext</c> and extra parameters).</summary>
    public static JsonTypeInfo<SmartLaunchContext> LaunchContext => SmartStoreJsonContext.Default.SmartLaunchContext;
}
