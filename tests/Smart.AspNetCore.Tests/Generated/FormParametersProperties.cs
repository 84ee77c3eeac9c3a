using CsCheck;
using Microsoft.Extensions.Primitives;
using Smart.AspNetCore.Protocol;

namespace Smart.AspNetCore.Tests.Generated;

/// <summary>
/// <see cref="FormParameters.Read"/> keeps a small array instead of a dictionary (issue 14, third pass). AUTHZ-1, TOKEN-1:
/// for any parameter list (names repeated exactly or in another case, empty, missing and multiple values, from an array
/// or from a plain enumeration), every name answers as the dictionary it replaced did, and the same repeat is reported.
/// </summary>
public sealed class FormParametersProperties
{
    private static readonly string[] s_names = ["client_id", "Client_Id", "scope", "code", "grant_type", "a", ""];

    private static readonly Gen<KeyValuePair<string, StringValues>[]> s_parameters = Gen.Select(
        Generators.OneOf(s_names),
        Gen.Frequency((3, Generators.OneOf("x", "", "y").Array[1, 1]), (1, Generators.OneOf("x", "", "y").Array[0, 3])),
        static (name, values) => new KeyValuePair<string, StringValues>(name, new StringValues(values))).Array[0, 40];

    [Fact]
    public void Read_AnyParameters_SameAnswersAsTheDictionaryItReplaced() =>
        Gen.Select(s_parameters, Gen.Bool).Sample((parameters, enumerated) =>
        {
            IEnumerable<KeyValuePair<string, StringValues>> source = enumerated ? parameters.Select(static p => p) : parameters;

            var actual = FormParameters.Read(source, out var repeated);
            var expected = Dictionary(parameters, out var expectedRepeated);

            repeated.Should().Be(expectedRepeated);
            actual.Count.Should().Be(parameters.Count(static p => p.Value.Count >= 1 && !string.IsNullOrEmpty(p.Value[0])));
            foreach (var name in s_names.Concat(parameters.Select(static p => p.Key)).Append("absent"))
            {
                actual.GetValueOrDefault(name).Should().Be(expected.GetValueOrDefault(name), name);
            }
        }, iter: 5000);

    /// <summary>The reader as it was: a dictionary of the non-empty first values, the last one set winning.</summary>
    private static Dictionary<string, string> Dictionary(KeyValuePair<string, StringValues>[] parameters, out string? repeated)
    {
        repeated = null;
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in parameters)
        {
            if (value.Count > 1)
            {
                repeated ??= name;
            }

            if (value.Count >= 1 && !string.IsNullOrEmpty(value[0]))
            {
                values[name] = value[0]!;
            }
        }

        return values;
    }
}
