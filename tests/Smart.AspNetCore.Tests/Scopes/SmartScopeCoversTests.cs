using Smart.AspNetCore.Scopes;

namespace Smart.AspNetCore.Tests.Scopes;

/// <summary>Coverage of one scope by another (SCOPE-5, SCOPE-6, SCOPE-7, SCOPE-8) and single-scope <c>Permits</c>.</summary>
public sealed class SmartScopeCoversTests
{
    private const string Lab = "category=http://terminology.hl7.org/CodeSystem/observation-category|laboratory";
    private const string Vitals = "category=http://terminology.hl7.org/CodeSystem/observation-category|vital-signs";

    [Theory]
    [InlineData("patient/*.rs", "patient/Observation.rs", true)] // SCOPE-7 wildcard
    [InlineData("patient/*.read", "patient/Observation.r", true)]
    [InlineData("patient/Observation.rs", "patient/Observation.r", true)]
    [InlineData("patient/Observation.rs", "patient/Observation.s", true)]
    [InlineData("patient/Observation.cruds", "patient/Observation.rs", true)]
    [InlineData("patient/Observation.r", "patient/Observation.rs", false)]
    [InlineData("patient/Observation.rs", "patient/*.rs", false)] // never widen to *
    [InlineData("patient/Observation.rs", "patient/Condition.rs", false)]
    [InlineData("patient/*.rs", "user/Observation.rs", false)] // contexts never mix
    [InlineData("user/*.cruds", "patient/Observation.r", false)]
    [InlineData("system/*.rs", "patient/Observation.r", false)]
    [InlineData("patient/Observation.rs", "patient/Observation.rs?" + Lab, true)] // SCOPE-8: unconstrained covers granular
    [InlineData("patient/Observation.rs?" + Lab, "patient/Observation.rs", false)] // granular never covers unconstrained
    [InlineData("patient/Observation.rs?" + Lab, "patient/Observation.rs?" + Vitals, false)]
    [InlineData("patient/Observation.rs?" + Lab, "patient/Observation.s?" + Lab, true)]
    [InlineData("patient/Observation.rs?a=1&b=2", "patient/Observation.rs?b=2&a=1", true)] // order-insensitive pairs
    [InlineData("patient/Observation.rs?a=1&b=2", "patient/Observation.rs?a=1", false)]
    [InlineData("openid", "openid", true)]
    [InlineData("openid", "fhirUser", false)]
    [InlineData("launch", "launch/patient", false)]
    [InlineData("launch/patient", "launch/patient", true)]
    [InlineData("__custom", "__custom", true)]
    [InlineData("patient/*.cruds", "launch/patient", false)]
    [InlineData("launch/patient", "patient/Patient.rs", false)]
    public void Covers_GrantAndRequest_ReturnsExpected(string grant, string requested, bool expected)
    {
        // Arrange
        var a = SmartScope.Parse(grant);
        var b = SmartScope.Parse(requested);

        // Act
        var result = a.Covers(b);

        // Assert
        result.Should().Be(expected);
    }

    [Fact]
    public void Covers_DefaultScope_CoversNothingAndIsNotCovered()
    {
        // Arrange
        var all = SmartScope.Parse("patient/*.cruds");

        // Act / Assert
        default(SmartScope).Covers(all).Should().BeFalse();
        all.Covers(default).Should().BeFalse();
        default(SmartScope).Covers(default).Should().BeFalse();
    }

    [Theory]
    [InlineData("patient/*.read", SmartScopeContext.Patient, "Observation", SmartPermissions.Read, true)]
    [InlineData("patient/*.read", SmartScopeContext.Patient, "Observation", SmartPermissions.Read | SmartPermissions.Search, true)]
    [InlineData("patient/*.read", SmartScopeContext.Patient, "Observation", SmartPermissions.Update, false)]
    [InlineData("patient/*.read", SmartScopeContext.User, "Observation", SmartPermissions.Read, false)]
    [InlineData("patient/Observation.rs", SmartScopeContext.Patient, "Condition", SmartPermissions.Read, false)]
    [InlineData("patient/Observation.rs", SmartScopeContext.Patient, "Observation", SmartPermissions.None, true)]
    [InlineData("patient/Observation.rs?" + Lab, SmartScopeContext.Patient, "Observation", SmartPermissions.Read, false)]
    [InlineData("openid", SmartScopeContext.None, "Observation", SmartPermissions.None, false)]
    public void Permits_SingleScope_ReturnsExpected(string value, SmartScopeContext context, string type, SmartPermissions permission, bool expected)
    {
        // Arrange
        var scope = SmartScope.Parse(value);

        // Act
        var result = scope.Permits(context, type, permission);

        // Assert
        result.Should().Be(expected);
    }
}
