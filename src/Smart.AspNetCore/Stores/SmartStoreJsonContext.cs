using System.Text.Json;
using System.Text.Json.Serialization;
using Smart.AspNetCore.Grants;
using Smart.AspNetCore.LaunchContext;

namespace Smart.AspNetCore.Stores;

/// <summary>
/// The source-generated serialization behind <see cref="SmartStoreJson"/>. Internal so that the generated members
/// (one per property type) do not become public API; stores use <see cref="SmartStoreJson"/>.
/// </summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    PreferredObjectCreationHandling = JsonObjectCreationHandling.Populate,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(SmartAuthorizationCode))]
[JsonSerializable(typeof(SmartRefreshToken))]
[JsonSerializable(typeof(SmartStoredLaunch))]
[JsonSerializable(typeof(SmartGrant))]
[JsonSerializable(typeof(SmartLaunchContext))]
[JsonSerializable(typeof(SmartConsent))]
internal sealed partial class SmartStoreJsonContext : JsonSerializerContext
{
}
