using Smart.AspNetCore.Grants;
using Smart.AspNetCore.LaunchContext;
using Smart.AspNetCore.Testing.Conformance;

namespace Smart.AspNetCore.Tests.Stores.Conformance;

/// <summary>
/// The published samples of the store conformance kit (<see cref="SmartStoreSamples"/>, package Smart.AspNetCore.Testing),
/// under the name this project's tests have used.
/// </summary>
public static class StoreSamples
{
    public static SmartLaunchContext LaunchContext() => SmartStoreSamples.LaunchContext();

    public static SmartGrant Grant(string grantId = "grant-1", DateTimeOffset? createdAt = null) => SmartStoreSamples.Grant(grantId, createdAt);

    public static SmartAuthorizationCode Code(DateTimeOffset expiresAt, string grantId = "grant-1") => SmartStoreSamples.Code(expiresAt, grantId);

    public static SmartRefreshToken RefreshToken(DateTimeOffset expiresAt, string grantId = "grant-1", bool online = true, DateTimeOffset? createdAt = null) =>
        SmartStoreSamples.RefreshToken(expiresAt, grantId, online, createdAt);

    public static SmartStoredLaunch Launch(DateTimeOffset expiresAt) => SmartStoreSamples.Launch(expiresAt);

    public static string Key() => SmartStoreSamples.Key();

    public static Task<T[]> Concurrently<T>(int count, Func<Task<T>> action) => SmartStoreSamples.Concurrently(count, action);
}
