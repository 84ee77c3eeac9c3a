using CsCheck;
using Smart.AspNetCore.Scopes;

namespace Smart.AspNetCore.Tests.Generated;

/// <summary>Generated-input properties of the scope grammar (SCOPE-1..SCOPE-3): total, deterministic, round-tripping.</summary>
public sealed class ScopeParserProperties
{
    [Fact] // SCOPE-3: never throws; every word lands in the set or in Invalid, never both.
    public void Parse_AnyInput_PartitionsWordsIntoValidAndInvalid() =>
        Generators.ScopeValue.Sample(value =>
        {
            var set = SmartScopeSet.Parse(value);
            var words = value.Split(' ', StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal).ToList();

            set.Select(s => s.Value).Concat(set.Invalid).ToHashSet(StringComparer.Ordinal).SetEquals(words).Should().BeTrue(value);
            set.Select(s => s.Value).Intersect(set.Invalid, StringComparer.Ordinal).Should().BeEmpty();
            set.Count.Should().BeLessThanOrEqualTo(words.Count);
        }, iter: 3000);

    [Fact] // Parsing the set's own text gives the same set: the canonical text is stable.
    public void Parse_ToString_RoundTrips() =>
        Generators.ScopeValue.Sample(value =>
        {
            var set = SmartScopeSet.Parse(value);
            var again = SmartScopeSet.Parse(set.ToString());

            again.Select(s => s.Value).Should().Equal(set.Select(s => s.Value));
            again.Invalid.Should().BeEmpty();
        }, iter: 3000);

    [Fact] // A single word parses the same alone and in a set; resource scopes carry a context and permissions.
    public void TryParse_Word_AgreesWithSetAndIsWellFormed() =>
        Generators.ScopeWord.Sample(word =>
        {
            var single = SmartScope.TryParse(word, out var scope);
            var set = SmartScopeSet.Parse(word);
            if (word.Length == 0 || word.Contains(' ', StringComparison.Ordinal))
            {
                return;
            }

            single.Should().Be(set.Count == 1, word);
            if (!single)
            {
                return;
            }

            scope.Value.Should().Be(word);
            if (scope.Kind == SmartScopeKind.Resource)
            {
                scope.Context.Should().NotBe(SmartScopeContext.None);
                scope.Permissions.Should().NotBe(SmartPermissions.None);
                scope.ResourceType.Should().NotBeNullOrEmpty();
                if (scope.Syntax == SmartScopeSyntax.V1)
                {
                    scope.Query.Should().BeNull("v1 words never carry a query");
                }

                scope.Covers(scope).Should().BeTrue("a scope covers itself");
                SmartScope.TryParse(scope.ToV2String(), out var v2).Should().BeTrue();
                v2.Permissions.Should().Be(scope.Permissions);
            }
        }, iter: 5000);

    [Fact] // SCOPE-6: a grant never widens what was requested.
    public void Grant_AnyRequestAndPolicy_IsCoveredByTheRequest() =>
        Gen.Select(Generators.ScopeValue, Generators.ScopeValue).Sample((requested, policy) =>
        {
            var request = SmartScopeSet.Parse(requested);
            var granted = request.Grant(SmartScopeSet.Parse(policy));

            foreach (var scope in granted)
            {
                request.Any(r => r.Covers(scope) || r.Value == scope.Value).Should().BeTrue($"'{scope}' was granted for '{requested}'");
            }
        }, iter: 2000);
}
