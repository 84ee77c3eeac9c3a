using Smart.AspNetCore.Scopes;

namespace Smart.AspNetCore.Tests.Scopes;

/// <summary>SCOPE-4: <c>.read</c> ≡ <c>.rs</c>, <c>.write</c> ≡ <c>.cud</c>, <c>.*</c> ≡ <c>.cruds</c>.</summary>
public sealed class SmartScopeV1V2EquivalenceTests
{
    [Theory]
    [InlineData("patient/*.read", "patient/*.rs")]
    [InlineData("patient/*.write", "patient/*.cud")]
    [InlineData("patient/*.*", "patient/*.cruds")]
    [InlineData("user/Observation.read", "user/Observation.rs")]
    [InlineData("user/Observation.write", "user/Observation.cud")]
    [InlineData("user/*.*", "user/*.cruds")]
    [InlineData("system/*.read", "system/*.rs")]
    public void ToV2String_Scope4V1Scope_MapsToV2Letters(string v1, string v2)
    {
        // Arrange
        var scope = SmartScope.Parse(v1);

        // Act
        var result = scope.ToV2String();

        // Assert
        result.Should().Be(v2);
        SmartScope.Parse(v2).Permissions.Should().Be(scope.Permissions);
    }

    [Theory]
    [InlineData("patient/*.read", "patient/*.rs")]
    [InlineData("patient/*.write", "patient/*.cud")]
    [InlineData("patient/*.*", "patient/*.cruds")]
    public void Covers_Scope4V1AndV2Forms_CoverEachOther(string v1, string v2)
    {
        // Arrange
        var a = SmartScope.Parse(v1);
        var b = SmartScope.Parse(v2);

        // Act / Assert
        a.Covers(b).Should().BeTrue();
        b.Covers(a).Should().BeTrue();
    }

    [Theory]
    [InlineData("patient/Observation.rs")]
    [InlineData("patient/Observation.rs?category=http://terminology.hl7.org/CodeSystem/observation-category|laboratory")]
    [InlineData("openid")]
    [InlineData("launch/patient")]
    public void ToV2String_NotV1_ReturnsValueUnchanged(string value)
    {
        // Act / Assert
        SmartScope.Parse(value).ToV2String().Should().Be(value);
    }

    [Fact]
    public void Covers_Scope1WriteDoesNotImplyRead_IsFalse()
    {
        // Arrange
        var write = SmartScope.Parse("patient/Observation.write");

        // Act / Assert
        write.Covers(SmartScope.Parse("patient/Observation.r")).Should().BeFalse();
        write.Permits(SmartScopeContext.Patient, "Observation", SmartPermissions.Read).Should().BeFalse();
    }
}
