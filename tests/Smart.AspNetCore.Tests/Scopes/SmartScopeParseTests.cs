using Smart.AspNetCore.Scopes;

namespace Smart.AspNetCore.Tests.Scopes;

/// <summary>
/// Scope examples taken verbatim from the SMART App Launch IG (v1 and v2, "Scopes and Launch Context"),
/// with the requirement each one exercises (SCOPE-1 .. SCOPE-11).
/// </summary>
public sealed class SmartScopeParseTests
{
    private const SmartPermissions Rs = SmartPermissions.Read | SmartPermissions.Search;
    private const SmartPermissions Cud = SmartPermissions.Create | SmartPermissions.Update | SmartPermissions.Delete;

    // SCOPE-1 (v1) and SCOPE-12 (system/ v1 from Backend Services v1), SCOPE-7 wildcard.
    [Theory]
    [InlineData("patient/*.read", SmartScopeContext.Patient, "*", Rs)]
    [InlineData("user/*.*", SmartScopeContext.User, "*", SmartPermissions.All)]
    [InlineData("patient/Observation.read", SmartScopeContext.Patient, "Observation", Rs)]
    [InlineData("user/Appointment.read", SmartScopeContext.User, "Appointment", Rs)]
    [InlineData("user/*.read", SmartScopeContext.User, "*", Rs)]
    [InlineData("patient/*.write", SmartScopeContext.Patient, "*", Cud)]
    [InlineData("user/Observation.write", SmartScopeContext.User, "Observation", Cud)]
    [InlineData("patient/Patient.read", SmartScopeContext.Patient, "Patient", Rs)]
    [InlineData("system/*.read", SmartScopeContext.System, "*", Rs)]
    [InlineData("user/Patient.*", SmartScopeContext.User, "Patient", SmartPermissions.All)]
    public void TryParse_Scope1V1ResourceScope_ParsesContextTypeAndPermissions(string value, SmartScopeContext context, string type, SmartPermissions permissions)
    {
        // Act
        var ok = SmartScope.TryParse(value, out var scope);

        // Assert
        ok.Should().BeTrue();
        scope.Kind.Should().Be(SmartScopeKind.Resource);
        scope.Syntax.Should().Be(SmartScopeSyntax.V1);
        scope.Context.Should().Be(context);
        scope.ResourceType.Should().Be(type);
        scope.IsWildcard.Should().Be(type == "*");
        scope.Permissions.Should().Be(permissions);
        scope.Query.Should().BeNull();
        scope.Parameters.Should().BeEmpty();
        scope.IsConstrained.Should().BeFalse();
        scope.Value.Should().Be(value);
        scope.ToString().Should().Be(value);
    }

    // SCOPE-2 (v2) and SCOPE-5 (r + s as separate letters).
    [Theory]
    [InlineData("patient/Observation.rs", SmartScopeContext.Patient, "Observation", Rs)]
    [InlineData("patient/Observation.cruds", SmartScopeContext.Patient, "Observation", SmartPermissions.All)]
    [InlineData("user/Encounter.cu", SmartScopeContext.User, "Encounter", SmartPermissions.Create | SmartPermissions.Update)]
    [InlineData("patient/*.rs", SmartScopeContext.Patient, "*", Rs)]
    [InlineData("user/*.cruds", SmartScopeContext.User, "*", SmartPermissions.All)]
    [InlineData("system/*.rs", SmartScopeContext.System, "*", Rs)]
    [InlineData("system/Observation.rs", SmartScopeContext.System, "Observation", Rs)]
    [InlineData("patient/Patient.rs", SmartScopeContext.Patient, "Patient", Rs)]
    [InlineData("patient/Patient.r", SmartScopeContext.Patient, "Patient", SmartPermissions.Read)]
    [InlineData("patient/Observation.s", SmartScopeContext.Patient, "Observation", SmartPermissions.Search)]
    [InlineData("patient/Observation.c", SmartScopeContext.Patient, "Observation", SmartPermissions.Create)]
    [InlineData("patient/Observation.cud", SmartScopeContext.Patient, "Observation", Cud)]
    [InlineData("user/Observation.d", SmartScopeContext.User, "Observation", SmartPermissions.Delete)]
    [InlineData("system/Patient.crs", SmartScopeContext.System, "Patient", SmartPermissions.Create | Rs)]
    [InlineData("user/MedicationRequest.u", SmartScopeContext.User, "MedicationRequest", SmartPermissions.Update)]
    public void TryParse_Scope2V2ResourceScope_ParsesLettersInOrder(string value, SmartScopeContext context, string type, SmartPermissions permissions)
    {
        // Act
        var ok = SmartScope.TryParse(value, out var scope);

        // Assert
        ok.Should().BeTrue();
        scope.Kind.Should().Be(SmartScopeKind.Resource);
        scope.Syntax.Should().Be(SmartScopeSyntax.V2);
        scope.Context.Should().Be(context);
        scope.ResourceType.Should().Be(type);
        scope.Permissions.Should().Be(permissions);
        scope.IsConstrained.Should().BeFalse();
        scope.Value.Should().Be(value);
    }

    // SCOPE-8 granular scopes, values kept verbatim (TOKEN-12: no re-encoding of '|').
    [Theory]
    [InlineData("patient/Observation.rs?category=http://terminology.hl7.org/CodeSystem/observation-category|laboratory", "Observation", "category", "http://terminology.hl7.org/CodeSystem/observation-category|laboratory")]
    [InlineData("patient/Observation.rs?category=http://terminology.hl7.org/CodeSystem/observation-category|vital-signs", "Observation", "category", "http://terminology.hl7.org/CodeSystem/observation-category|vital-signs")]
    [InlineData("patient/Observation.rs?category=http://terminology.hl7.org/CodeSystem/observation-category|social-history", "Observation", "category", "http://terminology.hl7.org/CodeSystem/observation-category|social-history")]
    [InlineData("patient/Condition.rs?category=http://terminology.hl7.org/CodeSystem/condition-category|health-concern", "Condition", "category", "http://terminology.hl7.org/CodeSystem/condition-category|health-concern")]
    [InlineData("patient/Condition.rs?category=http://terminology.hl7.org/CodeSystem/condition-category|encounter-diagnosis", "Condition", "category", "http://terminology.hl7.org/CodeSystem/condition-category|encounter-diagnosis")]
    [InlineData("patient/Condition.rs?category=http://hl7.org/fhir/us/core/CodeSystem/condition-category|health-concern", "Condition", "category", "http://hl7.org/fhir/us/core/CodeSystem/condition-category|health-concern")]
    [InlineData("patient/Observation.rs?category=http://hl7.org/fhir/us/core/CodeSystem/us-core-category|sdoh", "Observation", "category", "http://hl7.org/fhir/us/core/CodeSystem/us-core-category|sdoh")]
    [InlineData("user/Observation.rs?category=http://terminology.hl7.org/CodeSystem/observation-category|vital-signs", "Observation", "category", "http://terminology.hl7.org/CodeSystem/observation-category|vital-signs")]
    [InlineData("patient/Observation.rs?code=http://loinc.org|1234-5", "Observation", "code", "http://loinc.org|1234-5")]
    [InlineData("patient/Observation.rs?code:in=http://valueset.example.org/ValueSet/diabetes-codes", "Observation", "code:in", "http://valueset.example.org/ValueSet/diabetes-codes")]
    public void TryParse_Scope8GranularScope_KeepsQueryAndParameterVerbatim(string value, string type, string name, string parameterValue)
    {
        // Act
        var ok = SmartScope.TryParse(value, out var scope);

        // Assert
        ok.Should().BeTrue();
        scope.Syntax.Should().Be(SmartScopeSyntax.V2);
        scope.ResourceType.Should().Be(type);
        scope.Permissions.Should().Be(Rs);
        scope.IsConstrained.Should().BeTrue();
        scope.Query.Should().Be(name + "=" + parameterValue);
        scope.Parameters.Select(p => (p.Key, p.Value)).Should().Equal((name, parameterValue));
        scope.Value.Should().Be(value);
    }

    [Fact]
    public void TryParse_Scope8SeveralParameters_ParsesPairsInOrder()
    {
        // Act
        var scope = SmartScope.Parse("patient/Observation.rs?category=laboratory&code=http://loinc.org|1234-5&status=final");

        // Assert
        scope.Parameters.Select(p => (p.Key, p.Value)).Should().Equal(
            ("category", "laboratory"),
            ("code", "http://loinc.org|1234-5"),
            ("status", "final"));
        scope.Query.Should().Be("category=laboratory&code=http://loinc.org|1234-5&status=final");
    }

    [Fact]
    public void TryParse_Scope8PercentEncodedValue_IsNotDecoded()
    {
        // Act
        var scope = SmartScope.Parse("patient/Observation.rs?category=http://terminology.hl7.org/CodeSystem/observation-category%7Claboratory");

        // Assert
        scope.Parameters[0].Value.Should().Be("http://terminology.hl7.org/CodeSystem/observation-category%7Claboratory");
    }

    // SCOPE-10 context, identity and refresh scopes.
    [Theory]
    [InlineData("launch", SmartScopeKind.Launch, null)]
    [InlineData("launch/patient", SmartScopeKind.LaunchContext, "patient")]
    [InlineData("launch/encounter", SmartScopeKind.LaunchContext, "encounter")]
    [InlineData("launch/practitioner", SmartScopeKind.LaunchContext, "practitioner")]
    [InlineData("openid", SmartScopeKind.OpenId, null)]
    [InlineData("fhirUser", SmartScopeKind.FhirUser, null)]
    [InlineData("profile", SmartScopeKind.Profile, null)]
    [InlineData("offline_access", SmartScopeKind.OfflineAccess, null)]
    [InlineData("online_access", SmartScopeKind.OnlineAccess, null)]
    public void TryParse_Scope10ContextIdentityRefreshScope_RecognisesKind(string value, SmartScopeKind kind, string? launchContextType)
    {
        // Act
        var ok = SmartScope.TryParse(value, out var scope);

        // Assert
        ok.Should().BeTrue();
        scope.Kind.Should().Be(kind);
        scope.LaunchContextType.Should().Be(launchContextType);
        scope.Context.Should().Be(SmartScopeContext.None);
        scope.Syntax.Should().Be(SmartScopeSyntax.None);
        scope.ResourceType.Should().BeNull();
        scope.Permissions.Should().Be(SmartPermissions.None);
        scope.Value.Should().Be(value);
    }

    [Fact]
    public void TryParse_Scope10LaunchContextWithRole_KeepsRoleAsParameter()
    {
        // Act
        var scope = SmartScope.Parse("launch/patient?role=https://example.org/roles/subject");

        // Assert
        scope.Kind.Should().Be(SmartScopeKind.LaunchContext);
        scope.LaunchContextType.Should().Be("patient");
        scope.Parameters.Select(p => (p.Key, p.Value)).Should().Equal(("role", "https://example.org/roles/subject"));
    }

    // SCOPE-11 custom scopes: full URIs or "__" prefix; any other well-formed word not shaped like a resource scope.
    [Theory]
    [InlineData("__my_custom_scope")]
    [InlineData("http://smarthealthit.org/fhir/scopes/patient/*.read")]
    [InlineData("http://openid.net/specs/openid-connect-core-1_0#openid")]
    [InlineData("urn:example:scope")]
    [InlineData("email")]
    [InlineData("api/read")]
    [InlineData("patient")]
    [InlineData("Launch")]
    public void TryParse_Scope11CustomWord_IsCustom(string value)
    {
        // Act
        var ok = SmartScope.TryParse(value, out var scope);

        // Assert
        ok.Should().BeTrue();
        scope.Kind.Should().Be(SmartScopeKind.Custom);
        scope.Context.Should().Be(SmartScopeContext.None);
        scope.ResourceType.Should().BeNull();
        scope.Value.Should().Be(value);
    }

    // SCOPE-3: malformed words are rejected, never reinterpreted.
    [Theory]
    [InlineData("patient/Observation.dus")] // out of order (IG example)
    [InlineData("patient/*.sr")] // out of order
    [InlineData("patient/*.rrs")] // repeated letter
    [InlineData("patient/Observation.rr")] // repeated letter
    [InlineData("patient/Observation.rx")] // unknown letter
    [InlineData("patient/Observation.rd ")] // space is not a scope-token character
    [InlineData("patient/Observation.")] // empty permissions
    [InlineData("patient/Observation")] // no permissions
    [InlineData("patient/.rs")] // empty type
    [InlineData("patient/observation.rs")] // lowercase type
    [InlineData("patient/Obs3rvation.rs")] // digit in type
    [InlineData("patient/Observation.READ")] // v1 words are lowercase
    [InlineData("patient/Observation.reads")] // not a v1 word, not v2 letters
    [InlineData("patient/Observation.read?category=x")] // query on v1
    [InlineData("patient/*.*?category=x")] // query on v1
    [InlineData("patient/Observation.rs?")] // empty query
    [InlineData("patient/Observation.rs?category")] // no '='
    [InlineData("patient/Observation.rs?=x")] // empty name
    [InlineData("patient/Observation.rs?category=")] // empty value
    [InlineData("patient/Observation.rs?a=b&")] // trailing '&'
    [InlineData("patient/Observation.rs?a=b&&c=d")] // empty pair
    [InlineData("org/Observation.read")] // unknown context prefix
    [InlineData("Patient/Observation.read")] // contexts are lowercase
    [InlineData("practitioner/*.rs")] // unknown context prefix
    [InlineData("patient/*")] // no permissions
    [InlineData("launch/")] // empty launch context
    [InlineData("launch/Patient")] // launch context types are lowercase
    [InlineData("launch/patient?foo=bar")] // only role= is defined
    [InlineData("open\"id")] // forbidden character '"'
    [InlineData("open\\id")] // forbidden character '\'
    [InlineData("openid\t")] // control character
    [InlineData("patient/Obsérvation.rs")] // non-ASCII
    [InlineData("")]
    public void TryParse_Scope3MalformedWord_ReturnsFalse(string value)
    {
        // Act
        var ok = SmartScope.TryParse(value, out var scope);

        // Assert
        ok.Should().BeFalse();
        scope.Should().Be(default(SmartScope));
        scope.Value.Should().BeEmpty();
    }

    [Fact]
    public void TryParse_ResourceTypeOf64Letters_IsAccepted()
    {
        // Arrange
        var type = "A" + new string('b', 63);

        // Act
        var ok = SmartScope.TryParse($"patient/{type}.rs", out var scope);

        // Assert
        ok.Should().BeTrue();
        scope.ResourceType.Should().Be(type);
    }

    [Fact]
    public void TryParse_ResourceTypeOf65Letters_IsRejected()
    {
        // Arrange
        var type = "A" + new string('b', 64);

        // Act
        var ok = SmartScope.TryParse($"patient/{type}.rs", out _);

        // Assert
        ok.Should().BeFalse();
    }

    [Fact]
    public void TryParse_Null_ReturnsFalse()
    {
        // Act
        var ok = SmartScope.TryParse(null, out var scope);

        // Assert
        ok.Should().BeFalse();
        scope.Kind.Should().Be(SmartScopeKind.Resource);
        scope.ResourceType.Should().BeNull();
    }

    [Fact]
    public void Parse_MalformedWord_ThrowsFormatException()
    {
        // Act
        var act = () => SmartScope.Parse("patient/*.sr");

        // Assert
        act.Should().Throw<FormatException>().WithMessage("*patient/*.sr*");
    }

    [Fact]
    public void Parse_Null_ThrowsArgumentNullException()
    {
        // Act
        var act = () => SmartScope.Parse(null!);

        // Assert
        act.Should().Throw<ArgumentNullException>();
    }

    [Fact]
    public void Equals_SameText_IsEqualAndHashesEqual()
    {
        // Arrange
        var a = SmartScope.Parse("patient/Observation.rs");
        var b = SmartScope.Parse(string.Concat("patient/", "Observation.rs"));

        // Act / Assert
        (a == b).Should().BeTrue();
        a.GetHashCode().Should().Be(b.GetHashCode());
    }

    [Fact]
    public void Equals_EquivalentButDifferentText_IsNotEqual()
    {
        // Arrange
        var v1 = SmartScope.Parse("patient/*.read");
        var v2 = SmartScope.Parse("patient/*.rs");

        // Act / Assert
        (v1 != v2).Should().BeTrue();
        v1.Covers(v2).Should().BeTrue();
        v2.Covers(v1).Should().BeTrue();
    }
}
