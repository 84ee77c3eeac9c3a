using Smart.AspNetCore.Scopes;

namespace Smart.AspNetCore.Tests.Scopes;

/// <summary>Parsing of space-delimited scope values (RFC 6749 §3.3, SCOPE-3) and set queries.</summary>
public sealed class SmartScopeSetTests
{
    private const string EhrLaunch = "launch openid fhirUser offline_access patient/Patient.rs patient/Observation.rs patient/Condition.rs?category=http://terminology.hl7.org/CodeSystem/condition-category|problem-list-item user/Practitioner.read";

    [Fact]
    public void Parse_TypicalEhrLaunch_KeepsEveryWordInOrder()
    {
        // Act
        var set = SmartScopeSet.Parse(EhrLaunch);

        // Assert
        set.Select(s => s.Value).Should().Equal(EhrLaunch.Split(' '));
        set.Count.Should().Be(8);
        set.Invalid.Should().BeEmpty();
        set.ToString().Should().Be(EhrLaunch);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("    ")]
    public void Parse_NullOrBlank_IsEmpty(string? value)
    {
        // Act
        var set = SmartScopeSet.Parse(value);

        // Assert
        set.IsEmpty.Should().BeTrue();
        set.Count.Should().Be(0);
        set.Invalid.Should().BeEmpty();
        set.ToString().Should().BeEmpty();
    }

    [Fact]
    public void Parse_ExtraSpaces_AreIgnored()
    {
        // Act
        var set = SmartScopeSet.Parse("  openid   fhirUser  patient/*.rs ");

        // Assert
        set.Select(s => s.Value).Should().Equal("openid", "fhirUser", "patient/*.rs");
        set.ToString().Should().Be("openid fhirUser patient/*.rs");
    }

    [Fact]
    public void Parse_TabSeparated_IsOneInvalidWord()
    {
        // Act (RFC 6749 §3.3 delimits with %x20 only)
        var set = SmartScopeSet.Parse("openid\tfhirUser");

        // Assert
        set.IsEmpty.Should().BeTrue();
        set.Invalid.Should().Equal("openid\tfhirUser");
    }

    [Fact]
    public void Parse_DuplicateWords_KeepsFirstOccurrenceOnly()
    {
        // Act
        var set = SmartScopeSet.Parse("openid patient/*.rs openid patient/*.rs fhirUser");

        // Assert
        set.Select(s => s.Value).Should().Equal("openid", "patient/*.rs", "fhirUser");
        set.Invalid.Should().BeEmpty();
    }

    [Fact]
    public void Parse_Scope3MalformedWords_GoToInvalidDedupedInOrder()
    {
        // Act
        var set = SmartScopeSet.Parse("patient/*.sr openid patient/Observation.dus patient/*.sr org/Observation.read patient/Observation.rs");

        // Assert
        set.Select(s => s.Value).Should().Equal("openid", "patient/Observation.rs");
        set.Invalid.Should().Equal("patient/*.sr", "patient/Observation.dus", "org/Observation.read");
        set.ToString().Should().Be("openid patient/Observation.rs");
        set.Contains("patient/*.sr").Should().BeFalse();
    }

    [Fact]
    public void Parse_ManyWordsWithDuplicates_DeduplicatesBeyondLinearScanLimit()
    {
        // Arrange
        var words = Enumerable.Range(0, 100).Select(i => $"__custom{i % 60}").Append("patient/*.sr").Append("patient/*.sr");

        // Act
        var set = SmartScopeSet.Parse(string.Join(' ', words));

        // Assert
        set.Count.Should().Be(60);
        set.Invalid.Should().Equal("patient/*.sr");
        set.First().Value.Should().Be("__custom0");
        set.Last().Value.Should().Be("__custom59");
    }

    [Fact]
    public void Parse_SameInputTwice_IsDeterministic()
    {
        // Act
        var first = SmartScopeSet.Parse(EhrLaunch + " patient/*.sr launch/patient");
        var second = SmartScopeSet.Parse(EhrLaunch + " patient/*.sr launch/patient");

        // Assert
        first.Should().Equal(second);
        first.Invalid.Should().Equal(second.Invalid);
        first.ToString().Should().Be(second.ToString());
        first.Select(s => (s.Kind, s.Context, s.ResourceType, s.Permissions, s.Syntax, s.Query))
            .Should().Equal(second.Select(s => (s.Kind, s.Context, s.ResourceType, s.Permissions, s.Syntax, s.Query)));
    }

    [Fact]
    public void ToString_ParsedAgain_RoundTrips()
    {
        // Arrange
        var set = SmartScopeSet.Parse(" openid  openid patient/*.read bad\"word patient/Observation.rs?code:in=http://valueset.example.org/ValueSet/diabetes-codes ");

        // Act
        var again = SmartScopeSet.Parse(set.ToString());

        // Assert
        again.Should().Equal(set);
        again.ToString().Should().Be(set.ToString());
        again.Invalid.Should().BeEmpty();
    }

    [Fact]
    public void Create_Words_BehavesLikeParse()
    {
        // Act
        var set = SmartScopeSet.Create(["openid", "", null!, "patient/*.rs", "openid", "patient/*.sr", "a b"]);

        // Assert
        set.Select(s => s.Value).Should().Equal("openid", "patient/*.rs");
        set.Invalid.Should().Equal("patient/*.sr", "a b");
    }

    [Fact]
    public void Create_Null_Throws()
    {
        // Act
        var act = () => SmartScopeSet.Create(null!);

        // Assert
        act.Should().Throw<ArgumentNullException>();
    }

    [Fact]
    public void Contains_KindAndWord_FindsOnlyValidWords()
    {
        // Arrange
        var set = SmartScopeSet.Parse("launch/patient openid patient/*.read __x patient/*.sr");

        // Act / Assert
        set.Contains(SmartScopeKind.LaunchContext).Should().BeTrue();
        set.Contains(SmartScopeKind.OpenId).Should().BeTrue();
        set.Contains(SmartScopeKind.Custom).Should().BeTrue();
        set.Contains(SmartScopeKind.Launch).Should().BeFalse();
        set.Contains(SmartScopeKind.OfflineAccess).Should().BeFalse();
        set.Contains("patient/*.read").Should().BeTrue();
        set.Contains("patient/*.rs").Should().BeFalse();
        set.Contains("Openid").Should().BeFalse();
    }

    [Theory]
    [InlineData("openid patient/Observation.rs?category=x", SmartScopeContext.Patient, true)]
    [InlineData("openid patient/Observation.rs", SmartScopeContext.User, false)]
    [InlineData("system/*.rs", SmartScopeContext.System, true)]
    [InlineData("openid launch/patient", SmartScopeContext.Patient, false)]
    [InlineData("openid", SmartScopeContext.None, false)]
    public void HasAnyResourceScope_Context_ReturnsExpected(string value, SmartScopeContext context, bool expected)
    {
        // Act / Assert
        SmartScopeSet.Parse(value).HasAnyResourceScope(context).Should().Be(expected);
    }

    [Theory]
    [InlineData("patient/*.read", SmartScopeContext.Patient, "Observation", SmartPermissions.Search, true)]
    [InlineData("patient/Observation.r patient/Observation.s", SmartScopeContext.Patient, "Observation", SmartPermissions.Read | SmartPermissions.Search, true)] // SCOPE-5 union
    [InlineData("patient/Observation.r patient/*.s", SmartScopeContext.Patient, "Observation", SmartPermissions.Read | SmartPermissions.Search, true)]
    [InlineData("patient/Observation.r patient/Condition.s", SmartScopeContext.Patient, "Observation", SmartPermissions.Read | SmartPermissions.Search, false)]
    [InlineData("patient/Observation.rs?category=x", SmartScopeContext.Patient, "Observation", SmartPermissions.Read, false)] // granular: caller filters
    [InlineData("patient/Observation.rs", SmartScopeContext.User, "Observation", SmartPermissions.Read, false)]
    [InlineData("user/*.write", SmartScopeContext.User, "Observation", SmartPermissions.Read, false)] // SCOPE-1 write does not imply read
    [InlineData("user/*.write", SmartScopeContext.User, "Observation", SmartPermissions.Delete, true)]
    [InlineData("patient/*.sr", SmartScopeContext.Patient, "Observation", SmartPermissions.Read, false)] // SCOPE-3 never reinterpreted
    [InlineData("", SmartScopeContext.Patient, "Observation", SmartPermissions.None, false)]
    [InlineData("patient/Patient.rs", SmartScopeContext.Patient, "Patient", SmartPermissions.None, true)]
    public void Permits_Set_ReturnsExpected(string value, SmartScopeContext context, string type, SmartPermissions permission, bool expected)
    {
        // Arrange
        var set = SmartScopeSet.Parse(value);

        // Act
        var result = set.Permits(context, type, permission);

        // Assert
        result.Should().Be(expected);
    }

    [Theory]
    [InlineData("patient/Observation.rs", "patient/*.read offline_access", true)]
    [InlineData("patient/Observation.rs offline_access", "patient/*.read", false)]
    [InlineData("patient/Observation.rs", "patient/Observation.r patient/Observation.s", true)] // SCOPE-5 union
    [InlineData("patient/*.rs", "patient/Observation.rs", false)]
    [InlineData("patient/Observation.rs?category=x", "patient/Observation.rs", true)]
    [InlineData("patient/Observation.rs", "patient/Observation.rs?category=x", false)]
    [InlineData("user/Observation.rs", "patient/*.cruds", false)]
    [InlineData("", "patient/*.rs", true)]
    [InlineData("launch/patient openid", "openid launch/patient fhirUser", true)]
    [InlineData("patient/Observation.rs patient/*.sr", "patient/Observation.rs", true)] // invalid words are not part of the set
    public void IsSubsetOf_Other_ReturnsExpected(string narrower, string wider, bool expected)
    {
        // Act
        var result = SmartScopeSet.Parse(narrower).IsSubsetOf(SmartScopeSet.Parse(wider));

        // Assert
        result.Should().Be(expected);
    }

    [Fact]
    public void Empty_IsSingletonAndEmpty()
    {
        // Act / Assert
        SmartScopeSet.Empty.Should().BeSameAs(SmartScopeSet.Parse(null));
        SmartScopeSet.Empty.IsEmpty.Should().BeTrue();
        SmartScopeSet.Empty.ToString().Should().BeEmpty();
    }
}
