using System.Collections;
using System.Reflection;
using System.Text.Json;
using Smart.AspNetCore.Grants;
using Smart.AspNetCore.LaunchContext;
using Smart.AspNetCore.Stores;
using Smart.AspNetCore.Tests.Stores.Conformance;

namespace Smart.AspNetCore.Tests.Stores;

public class SmartStoreJsonTests
{
    private static readonly DateTimeOffset s_expiry = new(2026, 3, 4, 5, 6, 7, 890, TimeSpan.FromHours(1));

    [Fact]
    public void Samples_SetEveryPublicProperty_SoTheRoundTripsBelowCoverThemAll()
    {
        // A new property on a store value type must be added to StoreSamples, or this fails.
        AssertNothingDefault(StoreSamples.Code(s_expiry), "code");
        AssertNothingDefault(StoreSamples.RefreshToken(s_expiry), "refreshToken");
        AssertNothingDefault(StoreSamples.Launch(s_expiry), "launch");
    }

    [Fact]
    public void AuthorizationCode_RoundTrips_EveryProperty()
    {
        var code = StoreSamples.Code(s_expiry);

        var copy = JsonSerializer.Deserialize(JsonSerializer.SerializeToUtf8Bytes(code, SmartStoreJson.AuthorizationCode), SmartStoreJson.AuthorizationCode);

        copy.Should().BeEquivalentTo(code);
        copy!.Grant.LaunchContext!.FhirContext.Should().HaveCount(2);
        copy.Grant.LaunchContext.Parameters.Should().ContainKey("https://example.org/param").WhoseValue.Should().Be("value");
    }

    [Fact]
    public void RefreshToken_RoundTrips_EveryProperty()
    {
        var token = StoreSamples.RefreshToken(s_expiry);

        var copy = JsonSerializer.Deserialize(JsonSerializer.Serialize(token, SmartStoreJson.RefreshToken), SmartStoreJson.RefreshToken);

        copy.Should().BeEquivalentTo(token);
    }

    [Fact]
    public void StoredLaunch_RoundTrips_FhirContextAndParameters()
    {
        var launch = StoreSamples.Launch(s_expiry);

        var copy = JsonSerializer.Deserialize(JsonSerializer.Serialize(launch, SmartStoreJson.StoredLaunch), SmartStoreJson.StoredLaunch);

        copy.Should().BeEquivalentTo(launch);
        copy!.Context.FhirContext[1].Identifier!.Value.Should().Be("id-10");
        copy.Context.Parameters["__extra"].Should().Be("x");
    }

    [Fact]
    public void GrantAndLaunchContext_RoundTrip_EveryProperty()
    {
        var grant = StoreSamples.Grant();
        var context = StoreSamples.LaunchContext();

        JsonSerializer.Deserialize(JsonSerializer.Serialize(grant, SmartStoreJson.Grant), SmartStoreJson.Grant).Should().BeEquivalentTo(grant);
        JsonSerializer.Deserialize(JsonSerializer.Serialize(context, SmartStoreJson.LaunchContext), SmartStoreJson.LaunchContext).Should().BeEquivalentTo(context);
    }

    [Fact]
    public void Serialize_NullOptionalValues_AreOmitted()
    {
        var launch = new SmartStoredLaunch { ClientId = "a", Subject = "b", ExpiresAt = s_expiry };

        var json = JsonSerializer.Serialize(launch, SmartStoreJson.StoredLaunch);

        json.Should().NotContain("patient").And.NotContain("null");
    }

    private static void AssertNothingDefault(object value, string path)
    {
        foreach (var property in value.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var item = property.GetValue(value);
            var name = path + "." + property.Name;
            item.Should().NotBeNull(name + " must be set in StoreSamples");
            switch (item)
            {
                case string text:
                    text.Should().NotBeEmpty(name);
                    break;
                case bool or DateTimeOffset:
                    item.Should().NotBe(Activator.CreateInstance(item.GetType()), name);
                    break;
                case IEnumerable sequence:
                    var items = sequence.Cast<object>().ToList();
                    items.Should().NotBeEmpty(name);
                    foreach (var element in items.Where(e => e.GetType().Namespace?.StartsWith("Smart.AspNetCore", StringComparison.Ordinal) == true))
                    {
                        AssertNothingDefault(element, name + "[]");
                    }

                    break;
                default:
                    if (item!.GetType().Namespace?.StartsWith("Smart.AspNetCore", StringComparison.Ordinal) == true)
                    {
                        AssertNothingDefault(item, name);
                    }

                    break;
            }
        }
    }
}
