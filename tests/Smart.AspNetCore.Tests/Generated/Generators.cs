using CsCheck;

namespace Smart.AspNetCore.Tests.Generated;

/// <summary>Shared CsCheck generators: hostile text (control characters, non-ASCII, separators) and grammar-shaped words.</summary>
internal static class Generators
{
    /// <summary>Characters that break parsers: controls, separators, escapes, non-ASCII, a lone surrogate.</summary>
    public const string Nasty = "\0\t\r\n\u0085\u2028 %&=?#/.:;*|\\\"'<>{}+,~é漢\uD800\uFFFD";

    public static readonly Gen<char> Char = Gen.Frequency(
        (6, Gen.Char['a', 'z']),
        (2, Gen.Char['A', 'Z']),
        (2, Gen.Char['0', '9']),
        (3, Gen.Char[Nasty]),
        (1, Gen.Char['\0', '\uFFFF']));

    /// <summary>Any string up to <paramref name="max"/> characters, biased towards hostile characters.</summary>
    public static Gen<string> Text(int max = 40) => Char.Array[0, max].Select(static a => new string(a));

    /// <summary>Either a value from <paramref name="plausible"/> or hostile text.</summary>
    public static Gen<string> OneOf(params string[] plausible) => Gen.Frequency((3, Gen.OneOf(plausible)), (1, Text(24)));

    /// <summary>A SMART scope word built from the grammar's pieces, sometimes broken.</summary>
    public static readonly Gen<string> ScopeWord = Gen.Frequency(
        (4, Gen.Select(
            OneOf("patient", "user", "system", "launch", "Patient", "org", ""),
            OneOf("/", "", "//"),
            OneOf("Observation", "*", "Patient", "observation", "Obs3rvation", "Condition", ""),
            OneOf(".", "", ".."),
            OneOf("read", "write", "*", "rs", "cruds", "c", "sr", "rr", "crudsx", "r", ""),
            Gen.Frequency((3, Gen.Const(string.Empty)), (1, OneOf("?category=vital-signs", "?code=http://loinc.org|8302-2", "?", "?a", "?a=", "?=b", "?a=b&", "?a=b&c=d", "?role=http://x"))),
            static (prefix, slash, type, dot, permissions, query) => prefix + slash + type + dot + permissions + query)),
        (2, Gen.OneOf("openid", "fhirUser", "profile", "launch", "launch/patient", "launch/encounter", "offline_access", "online_access", "launch/patient?role=x")),
        (1, Text(30)));

    /// <summary>A scope value: words joined by one or more spaces, with stray leading or trailing spaces.</summary>
    public static readonly Gen<string> ScopeValue = Gen.Select(
        ScopeWord.Array[0, 12],
        Gen.OneOf(" ", "  "),
        Gen.Bool,
        static (words, separator, padded) => (padded ? " " : string.Empty) + string.Join(separator, words) + (padded ? " " : string.Empty));
}
