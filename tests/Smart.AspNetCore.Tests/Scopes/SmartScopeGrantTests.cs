using Smart.AspNetCore.Scopes;

namespace Smart.AspNetCore.Tests.Scopes;

/// <summary>
/// Granting: request ∩ client policy ∩ user permissions (SCOPE-6), reported in the requested textual form (TOKEN-12),
/// including the ONC (g)(10) cases of Appendix B.3 (EHR launch with patient scopes, v1 scopes, fine-grained scopes).
/// </summary>
public sealed class SmartScopeGrantTests
{
    private const string ObsCat = "http://terminology.hl7.org/CodeSystem/observation-category";
    private const string CondCat = "http://terminology.hl7.org/CodeSystem/condition-category";
    private const string UsCoreCondCat = "http://hl7.org/fhir/us/core/CodeSystem/condition-category";
    private const string UsCoreCat = "http://hl7.org/fhir/us/core/CodeSystem/us-core-category";

    public static TheoryData<string, string, string?, string> GrantCases => new()
    {
        // TOKEN-12, g10 "EHR Launch with Patient Scopes": exactly patient/Patient.rs, never widened to patient/*.rs or .cruds.
        {
            "launch openid fhirUser offline_access patient/Patient.rs",
            "patient/*.cruds launch openid fhirUser offline_access",
            null,
            "launch openid fhirUser offline_access patient/Patient.rs"
        },

        // TOKEN-12 / SCOPE-4, g10 "App Launch with SMART v1 scopes": v1 request granted verbatim in v1 form.
        {
            "launch/patient openid fhirUser offline_access patient/*.read",
            "patient/*.rs launch/patient openid fhirUser offline_access",
            null,
            "launch/patient openid fhirUser offline_access patient/*.read"
        },
        {
            "launch/patient openid fhirUser offline_access patient/Patient.read patient/Specimen.read patient/Coverage.read",
            "patient/*.cruds launch/patient openid fhirUser offline_access",
            null,
            "launch/patient openid fhirUser offline_access patient/Patient.read patient/Specimen.read patient/Coverage.read"
        },

        // SCOPE-8 / TOKEN-12, g10 fine-grained group 1: granular scopes verbatim, no resource-level Condition/Observation scope.
        {
            $"launch/patient openid fhirUser patient/Condition.rs?category={CondCat}|encounter-diagnosis patient/Condition.rs?category={UsCoreCondCat}|health-concern patient/Observation.rs?category={ObsCat}|laboratory patient/Observation.rs?category={ObsCat}|social-history",
            "launch/patient openid fhirUser patient/*.rs",
            null,
            $"launch/patient openid fhirUser patient/Condition.rs?category={CondCat}|encounter-diagnosis patient/Condition.rs?category={UsCoreCondCat}|health-concern patient/Observation.rs?category={ObsCat}|laboratory patient/Observation.rs?category={ObsCat}|social-history"
        },

        // g10 fine-grained group 2, including the us-core-category sdoh code.
        {
            $"patient/Condition.rs?category={CondCat}|problem-list-item patient/Observation.rs?category={ObsCat}|vital-signs patient/Observation.rs?category={ObsCat}|survey patient/Observation.rs?category={UsCoreCat}|sdoh",
            "patient/Condition.rs patient/Observation.rs",
            null,
            $"patient/Condition.rs?category={CondCat}|problem-list-item patient/Observation.rs?category={ObsCat}|vital-signs patient/Observation.rs?category={ObsCat}|survey patient/Observation.rs?category={UsCoreCat}|sdoh"
        },

        // AUTHZ-13, g10 "Granular Scope Selection": resource-level request, user picked sub-resource scopes.
        {
            "launch/patient openid fhirUser offline_access patient/Condition.rs patient/Observation.rs patient/Patient.rs",
            "launch/patient openid fhirUser offline_access patient/*.rs",
            $"launch/patient openid fhirUser offline_access patient/Patient.rs patient/Condition.rs?category={CondCat}|problem-list-item patient/Observation.rs?category={ObsCat}|laboratory patient/Observation.rs?category={ObsCat}|vital-signs",
            $"launch/patient openid fhirUser offline_access patient/Condition.rs?category={CondCat}|problem-list-item patient/Observation.rs?category={ObsCat}|laboratory patient/Observation.rs?category={ObsCat}|vital-signs patient/Patient.rs"
        },

        // SCOPE-6 narrowing, written in the requested syntax when expressible.
        { "patient/*.read", "patient/Observation.rs", null, "patient/Observation.read" },
        { "patient/*.read", "patient/Observation.rs patient/Condition.rs", null, "patient/Observation.read patient/Condition.read" },
        { "patient/*.read", "patient/Observation.r", null, "patient/Observation.r" },
        { "patient/*.*", "patient/Observation.cud", null, "patient/Observation.write" },
        { "patient/Observation.cruds", "patient/Observation.rs", null, "patient/Observation.rs" },
        { "patient/Observation.cruds", "patient/*.rs", null, "patient/Observation.rs" },
        { "patient/*.cruds", "patient/*.rs", null, "patient/*.rs" },
        { "patient/Observation.*", "patient/*.read", null, "patient/Observation.read" },
        { "patient/Observation.rs", $"patient/Observation.rs?category={ObsCat}|laboratory", null, $"patient/Observation.rs?category={ObsCat}|laboratory" },
        { "patient/Observation.read", $"patient/Observation.rs?category={ObsCat}|laboratory", null, $"patient/Observation.rs?category={ObsCat}|laboratory" },
        { "patient/Observation.cruds", "patient/Observation.r patient/Observation.rs", null, "patient/Observation.rs" },
        { "patient/Observation.cruds", "patient/Observation.r patient/Observation.s", null, "patient/Observation.r patient/Observation.s" },

        // SCOPE-5 union: two policy scopes together cover the request, which is then granted verbatim.
        { "patient/Observation.rs", "patient/Observation.r patient/Observation.s", null, "patient/Observation.rs" },

        // Different granular constraints do not intersect (never widened, never merged).
        { $"patient/Observation.rs?category={ObsCat}|laboratory", $"patient/Observation.rs?category={ObsCat}|vital-signs", null, "" },
        { "patient/Observation.rs?a=1&b=2", "patient/Observation.rs?b=2&a=1", null, "patient/Observation.rs?a=1&b=2" },
        { "patient/Observation.cruds?a=1", "patient/Observation.rs?a=1", null, "patient/Observation.rs?a=1" },

        // Contexts never mix; types must overlap.
        { "user/*.rs", "patient/*.cruds", null, "" },
        { "patient/Observation.rs", "patient/Condition.rs", null, "" },
        { "system/*.rs", "system/Observation.rs system/Patient.r", null, "system/Observation.rs system/Patient.r" },
        { "patient/Observation.write", "patient/Observation.rs", null, "" },

        // Non-resource scopes are granted only when the policy holds the same word.
        { "launch openid profile online_access __custom", "launch openid __custom", null, "launch openid __custom" },
        { "launch/patient launch/encounter", "launch/patient", null, "launch/patient" },

        // Request order is preserved, not policy order.
        { "patient/Patient.rs openid patient/Observation.rs launch", "launch openid patient/*.rs", null, "patient/Patient.rs openid patient/Observation.rs launch" },

        // Duplicates and SCOPE-3 malformed words are never granted.
        { "openid openid patient/*.sr patient/Observation.dus patient/*.rs patient/*.rs", "openid patient/*.cruds", null, "openid patient/*.rs" },

        // A narrowed piece already covered by an earlier grant is not repeated.
        { "patient/*.read patient/Observation.read", "patient/Observation.rs", null, "patient/Observation.read" },
        { "patient/Observation.rs patient/*.read", "patient/Observation.rs", null, "patient/Observation.rs" },

        // User policy narrows after the client policy (SCOPE-6 delegation).
        { "launch openid fhirUser user/*.cruds", "launch openid fhirUser user/*.cruds", "openid user/Observation.rs user/Patient.r", "openid user/Observation.rs user/Patient.r" },
        { "user/*.read", "user/*.read", "user/Appointment.rs", "user/Appointment.read" },
        { "user/Observation.rs", "user/*.rs", "user/*.r", "user/Observation.r" },
        { "patient/*.rs", "patient/*.rs", "", "" },
    };

    [Theory]
    [MemberData(nameof(GrantCases))]
    public void Grant_RequestAndPolicies_GrantsExpectedWordsInRequestedForm(string requested, string client, string? user, string expected)
    {
        // Arrange
        var request = SmartScopeSet.Parse(requested);
        var clientPolicy = SmartScopeSet.Parse(client);
        var userPolicy = user is null ? null : SmartScopeSet.Parse(user);

        // Act
        var granted = request.Grant(clientPolicy, userPolicy);

        // Assert
        granted.ToString().Should().Be(expected);
        granted.Invalid.Should().BeEmpty();
        granted.IsSubsetOf(request).Should().BeTrue("a grant never exceeds the request");
        granted.IsSubsetOf(clientPolicy).Should().BeTrue("a grant never exceeds the client policy");
        if (userPolicy is not null)
        {
            granted.IsSubsetOf(userPolicy).Should().BeTrue("a grant never exceeds the user's permissions");
        }
    }

    [Fact]
    public void Grant_G10EhrPatientLaunch_MatchesInfernoRegexes()
    {
        // Arrange (g10 accepts \Apatient/Patient\.r?s\z and \Apatient/Patient\.rs?\z)
        var request = SmartScopeSet.Parse("launch openid fhirUser offline_access patient/Patient.rs");

        // Act
        var granted = request.Grant(SmartScopeSet.Parse("patient/*.cruds user/*.cruds launch openid fhirUser offline_access"));

        // Assert
        granted.Should().Contain(s => s.Value == "patient/Patient.rs");
        granted.Should().NotContain(s => s.IsWildcard);
        granted.Permits(SmartScopeContext.Patient, "Patient", SmartPermissions.Read | SmartPermissions.Search).Should().BeTrue();
        granted.Permits(SmartScopeContext.Patient, "Observation", SmartPermissions.Read).Should().BeFalse();
    }

    [Fact]
    public void Grant_GranularScopes_KeepPipeUnencodedAndSameStringInstance()
    {
        // Arrange
        var word = $"patient/Observation.rs?category={ObsCat}|laboratory";
        var request = SmartScopeSet.Parse("openid " + word);

        // Act
        var granted = request.Grant(SmartScopeSet.Parse("openid patient/*.rs"));

        // Assert
        granted.Single(s => s.Kind == SmartScopeKind.Resource).Value.Should().Be(word);
        granted.ToString().Should().NotContain("%7C");
    }

    [Fact]
    public void Grant_NarrowedV1Piece_IsParsableAndEquivalentToItsV2Form()
    {
        // Arrange
        var request = SmartScopeSet.Parse("patient/*.read");

        // Act
        var piece = request.Grant(SmartScopeSet.Parse("patient/Observation.rs")).Single();

        // Assert
        piece.Syntax.Should().Be(SmartScopeSyntax.V1);
        piece.ResourceType.Should().Be("Observation");
        piece.Permissions.Should().Be(SmartPermissions.Read | SmartPermissions.Search);
        SmartScope.Parse(piece.Value).Should().Be(piece);
        piece.ToV2String().Should().Be("patient/Observation.rs");
    }

    [Fact]
    public void Grant_NarrowedToPolicyQuery_ExposesPolicyParameters()
    {
        // Arrange
        var request = SmartScopeSet.Parse("patient/Observation.rs");

        // Act
        var piece = request.Grant(SmartScopeSet.Parse("patient/Observation.rs?category=laboratory")).Single();

        // Assert
        piece.IsConstrained.Should().BeTrue();
        piece.Parameters.Select(p => (p.Key, p.Value)).Should().Equal(("category", "laboratory"));
        piece.Query.Should().Be("category=laboratory");
    }

    [Fact]
    public void Intersect_EmptyPolicy_GrantsNothing()
    {
        // Act
        var granted = SmartScopeSet.Parse("openid patient/*.rs").Intersect(SmartScopeSet.Empty);

        // Assert
        granted.IsEmpty.Should().BeTrue();
    }

    [Fact]
    public void Grant_WithUser_EqualsTwoIntersectSteps()
    {
        // Arrange
        var request = SmartScopeSet.Parse("launch openid user/*.read patient/*.rs");
        var client = SmartScopeSet.Parse("launch openid user/*.cruds patient/Observation.rs");
        var user = SmartScopeSet.Parse("openid user/Observation.rs patient/*.r");

        // Act
        var granted = request.Grant(client, user);

        // Assert
        granted.ToString().Should().Be(request.Intersect(client).Intersect(user).ToString());
        granted.ToString().Should().Be("openid user/Observation.read patient/Observation.r");
    }

    [Fact]
    public void Grant_NullClientPolicy_Throws()
    {
        // Act
        var act = () => SmartScopeSet.Empty.Grant(null!);

        // Assert
        act.Should().Throw<ArgumentNullException>();
    }
}
