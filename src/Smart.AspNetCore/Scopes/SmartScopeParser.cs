using System.Buffers;
using System.Collections.Frozen;

namespace Smart.AspNetCore.Scopes;

/// <summary>
/// Span-based parser for one SMART scope word (no regex, no LINQ). See <see cref="SmartScope"/> for the grammar.
/// </summary>
internal static class SmartScopeParser
{
    internal const string Wildcard = "*";

    internal const string PatientPrefix = "patient";
    internal const string UserPrefix = "user";
    internal const string SystemPrefix = "system";

    private const int MaxResourceTypeLength = 64;
    private const string PermissionLetters = "cruds";
    private const string LaunchPrefix = "launch";
    private const string RoleParameter = "role";

    // RFC 6749 §3.3: scope-token = 1*( %x21 / %x23-5B / %x5D-7E )
    private static readonly SearchValues<char> s_scopeTokenChars = SearchValues.Create(BuildScopeTokenChars());

    private static readonly SearchValues<char> s_asciiLetters =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");

    private static readonly SearchValues<char> s_launchContextChars =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyz0123456789_-");

    // Common resource types and parameter names are reused instead of allocating a new string per parse.
    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> s_knownNames = FrozenSet.Create(
        StringComparer.Ordinal,
        "Patient", "Practitioner", "PractitionerRole", "RelatedPerson", "Person", "Organization", "Location",
        "Encounter", "Observation", "Condition", "AllergyIntolerance", "CarePlan", "CareTeam", "DiagnosticReport",
        "DocumentReference", "Goal", "Immunization", "Medication", "MedicationRequest", "MedicationDispense",
        "Procedure", "Provenance", "ServiceRequest", "Coverage", "Specimen", "Device", "QuestionnaireResponse",
        "Questionnaire", "Appointment", "Binary", "Group",
        "category", "code", "status", "patient", "encounter", "role").GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Parses one scope word.</summary>
    /// <param name="word">The word.</param>
    /// <param name="original">The word as a string when the caller already has it (avoids an allocation), else <see langword="null"/>.</param>
    /// <param name="scope">The result.</param>
    /// <returns><see langword="true"/> when the word is well formed.</returns>
    internal static bool TryParse(ReadOnlySpan<char> word, string? original, out SmartScope scope)
    {
        scope = default;
        if (word.IsEmpty || word.ContainsAnyExcept(s_scopeTokenChars))
        {
            return false;
        }

        if (TryGetWellKnown(word, out var name, out var kind))
        {
            scope = new SmartScope(original ?? name, kind, SmartScopeContext.None, null, SmartPermissions.None, SmartScopeSyntax.None, null, null);
            return true;
        }

        var slash = word.IndexOf('/');
        if (slash > 0)
        {
            var prefix = word[..slash];
            var context = prefix switch
            {
                PatientPrefix => SmartScopeContext.Patient,
                UserPrefix => SmartScopeContext.User,
                SystemPrefix => SmartScopeContext.System,
                _ => SmartScopeContext.None,
            };

            if (context != SmartScopeContext.None)
            {
                return TryParseResource(word, original, context, slash + 1, out scope);
            }

            if (prefix.SequenceEqual(LaunchPrefix))
            {
                return TryParseLaunchContext(word, original, slash + 1, out scope);
            }

            if (LooksLikeResourceScope(word, slash))
            {
                // e.g. "org/Observation.read" or "Patient/Observation.read": a resource scope with an unknown
                // context prefix is malformed, never a custom scope (SCOPE-3).
                return false;
            }
        }

        scope = new SmartScope(original ?? word.ToString(), SmartScopeKind.Custom, SmartScopeContext.None, null, SmartPermissions.None, SmartScopeSyntax.None, null, null);
        return true;
    }

    /// <summary>Gets the prefix text of a resource scope context.</summary>
    internal static string GetPrefix(SmartScopeContext context) => context switch
    {
        SmartScopeContext.Patient => PatientPrefix,
        SmartScopeContext.User => UserPrefix,
        SmartScopeContext.System => SystemPrefix,
        _ => throw new ArgumentOutOfRangeException(nameof(context), context, "Not a resource scope context."),
    };

    private static bool TryGetWellKnown(ReadOnlySpan<char> word, out string name, out SmartScopeKind kind)
    {
        (name, kind) = word switch
        {
            SmartScopeNames.Launch => (SmartScopeNames.Launch, SmartScopeKind.Launch),
            SmartScopeNames.OpenId => (SmartScopeNames.OpenId, SmartScopeKind.OpenId),
            SmartScopeNames.FhirUser => (SmartScopeNames.FhirUser, SmartScopeKind.FhirUser),
            SmartScopeNames.Profile => (SmartScopeNames.Profile, SmartScopeKind.Profile),
            SmartScopeNames.OfflineAccess => (SmartScopeNames.OfflineAccess, SmartScopeKind.OfflineAccess),
            SmartScopeNames.OnlineAccess => (SmartScopeNames.OnlineAccess, SmartScopeKind.OnlineAccess),
            _ => (string.Empty, SmartScopeKind.Custom),
        };

        return kind != SmartScopeKind.Custom;
    }

    private static bool TryParseResource(ReadOnlySpan<char> word, string? original, SmartScopeContext context, int start, out SmartScope scope)
    {
        scope = default;
        var rest = word[start..];
        var question = rest.IndexOf('?');
        var main = question >= 0 ? rest[..question] : rest;

        var dot = main.IndexOf('.');
        if (dot < 0)
        {
            return false;
        }

        var type = main[..dot];
        if (!IsValidResourceType(type) || !TryParsePermissions(main[(dot + 1)..], out var permissions, out var syntax))
        {
            return false;
        }

        var parameterCount = 0;
        if (question >= 0)
        {
            // v1 words never carry a query; a v2 query must be well formed.
            if (syntax == SmartScopeSyntax.V1 || !TryValidateQuery(rest[(question + 1)..], out parameterCount))
            {
                return false;
            }
        }

        var value = original ?? word.ToString();
        string? query = null;
        KeyValuePair<string, string>[]? parameters = null;
        if (question >= 0)
        {
            var queryStart = start + question + 1;
            query = value[queryStart..];
            parameters = BuildParameters(value, queryStart, parameterCount);
        }

        var typeString = type.Length == 1 && type[0] == '*' ? Wildcard : Intern(type);
        scope = new SmartScope(value, SmartScopeKind.Resource, context, typeString, permissions, syntax, query, parameters);
        return true;
    }

    private static bool TryParseLaunchContext(ReadOnlySpan<char> word, string? original, int start, out SmartScope scope)
    {
        scope = default;
        var rest = word[start..];
        var question = rest.IndexOf('?');
        var contextType = question >= 0 ? rest[..question] : rest;
        if (contextType.IsEmpty || contextType.ContainsAnyExcept(s_launchContextChars))
        {
            return false;
        }

        var parameterCount = 0;
        if (question >= 0)
        {
            // SMART 2.1 (experimental): launch/<type>?role=<uri>, exactly one role parameter.
            var query = rest[(question + 1)..];
            if (!TryValidateQuery(query, out parameterCount) || parameterCount != 1 || !query.StartsWith(RoleParameter + "=", StringComparison.Ordinal))
            {
                return false;
            }
        }

        string value;
        if (original is not null)
        {
            value = original;
        }
        else if (question < 0 && word.SequenceEqual(SmartScopeNames.LaunchPatient))
        {
            value = SmartScopeNames.LaunchPatient;
        }
        else if (question < 0 && word.SequenceEqual(SmartScopeNames.LaunchEncounter))
        {
            value = SmartScopeNames.LaunchEncounter;
        }
        else
        {
            value = word.ToString();
        }

        string? queryText = null;
        KeyValuePair<string, string>[]? parameters = null;
        if (question >= 0)
        {
            var queryStart = start + question + 1;
            queryText = value[queryStart..];
            parameters = BuildParameters(value, queryStart, parameterCount);
        }

        scope = new SmartScope(value, SmartScopeKind.LaunchContext, SmartScopeContext.None, Intern(contextType), SmartPermissions.None, SmartScopeSyntax.None, queryText, parameters);
        return true;
    }

    private static bool IsValidResourceType(ReadOnlySpan<char> type)
    {
        if (type.Length == 1 && type[0] == '*')
        {
            return true;
        }

        return type.Length is > 0 and <= MaxResourceTypeLength
            && char.IsAsciiLetterUpper(type[0])
            && !type.ContainsAnyExcept(s_asciiLetters);
    }

    private static bool TryParsePermissions(ReadOnlySpan<char> text, out SmartPermissions permissions, out SmartScopeSyntax syntax)
    {
        syntax = SmartScopeSyntax.V1;
        switch (text)
        {
            case "read":
                permissions = SmartPermissions.Read | SmartPermissions.Search;
                return true;
            case "write":
                permissions = SmartPermissions.Create | SmartPermissions.Update | SmartPermissions.Delete;
                return true;
            case "*":
                permissions = SmartPermissions.All;
                return true;
        }

        syntax = SmartScopeSyntax.V2;
        permissions = SmartPermissions.None;
        if (text.IsEmpty)
        {
            return false;
        }

        var last = -1;
        foreach (var c in text)
        {
            // Unknown letters give -1; repeated or out-of-order letters give an index not after the previous one.
            var index = PermissionLetters.IndexOf(c, StringComparison.Ordinal);
            if (index <= last)
            {
                permissions = SmartPermissions.None;
                return false;
            }

            last = index;
            permissions |= (SmartPermissions)(1 << index);
        }

        return true;
    }

    /// <summary>Validates <c>name=value(&amp;name=value)*</c> with non-empty names and values.</summary>
    private static bool TryValidateQuery(ReadOnlySpan<char> query, out int count)
    {
        count = 0;
        if (query.IsEmpty)
        {
            return false;
        }

        while (true)
        {
            var amp = query.IndexOf('&');
            var pair = amp >= 0 ? query[..amp] : query;
            var equals = pair.IndexOf('=');
            if (equals <= 0 || equals == pair.Length - 1)
            {
                return false;
            }

            count++;
            if (amp < 0)
            {
                return true;
            }

            query = query[(amp + 1)..];
        }
    }

    private static KeyValuePair<string, string>[] BuildParameters(string value, int queryStart, int count)
    {
        var parameters = new KeyValuePair<string, string>[count];
        var position = queryStart;
        for (var i = 0; i < count; i++)
        {
            var pair = value.AsSpan(position);
            var amp = pair.IndexOf('&');
            if (amp >= 0)
            {
                pair = pair[..amp];
            }

            var equals = pair.IndexOf('=');
            var name = Intern(pair[..equals]);
            var parameterValue = value.Substring(position + equals + 1, pair.Length - equals - 1);
            parameters[i] = new KeyValuePair<string, string>(name, parameterValue);
            position += pair.Length + 1;
        }

        return parameters;
    }

    private static string Intern(ReadOnlySpan<char> text) =>
        s_knownNames.TryGetValue(text, out var known) ? known : text.ToString();

    /// <summary>
    /// A word looks like a resource scope when the text before its first <c>/</c> is ASCII letters only and the text after it
    /// (before any <c>?</c>) contains a <c>.</c>. URIs (<c>http://…</c>) and <c>__</c> words never match.
    /// </summary>
    private static bool LooksLikeResourceScope(ReadOnlySpan<char> word, int slash)
    {
        if (word[..slash].ContainsAnyExcept(s_asciiLetters))
        {
            return false;
        }

        var rest = word[(slash + 1)..];
        var question = rest.IndexOf('?');
        if (question >= 0)
        {
            rest = rest[..question];
        }

        return rest.Contains('.');
    }

    private static string BuildScopeTokenChars()
    {
        Span<char> chars = stackalloc char[0x7E - 0x21 + 1];
        var length = 0;
        for (var c = (char)0x21; c <= 0x7E; c++)
        {
            if (c is not '"' and not '\\')
            {
                chars[length++] = c;
            }
        }

        return chars[..length].ToString();
    }
}
