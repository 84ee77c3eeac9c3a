using Hl7.Fhir.Model;
using Microsoft.Extensions.Primitives;
using Smart.AspNetCore.Audit;
using Smart.Sample.Ehr.Fhir;

namespace Smart.Sample.Ehr.Audit;

/// <summary>
/// The AuditEvent search parameters the sample supports: <c>patient</c> (the patient entity, <c>Patient/{id}</c> or
/// <c>{id}</c>), <c>agent</c> (an agent's <c>who</c> reference such as <c>Practitioner/prac-001</c>, or its identifier
/// value: a <c>client_id</c> or a user id), <c>date</c> (on <c>recorded</c>, with prefixes), <c>subtype</c> (the event
/// code) and <c>_count</c>. Repeated parameters are AND, comma-separated values OR; unknown parameters are ignored.
/// </summary>
public sealed class AuditEventQuery
{
    /// <summary>Page size when <c>_count</c> is absent.</summary>
    public const int DefaultCount = 100;

    private static readonly string[] s_datePrefixes = ["eq", "ne", "lt", "le", "gt", "ge", "sa", "eb"];
    private readonly List<Func<AuditEvent, bool>> _filters = [];

    private AuditEventQuery()
    {
    }

    /// <summary>The page size.</summary>
    public int Count { get; private set; } = DefaultCount;

    /// <summary>Parses the query; returns an error message for a malformed value of a known parameter.</summary>
    public static (AuditEventQuery? Query, string? Error) Parse(IEnumerable<KeyValuePair<string, StringValues>> query)
    {
        var result = new AuditEventQuery();
        foreach (var (name, values) in query)
        {
            if (name.Contains(':', StringComparison.Ordinal))
            {
                return (null, $"Search parameter modifiers are not supported ('{name}').");
            }

            foreach (var value in values.OfType<string>())
            {
                var alternatives = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                switch (name)
                {
                    case "_count":
                        if (!int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var count) || count > FhirSearch.MaxCount)
                        {
                            return (null, $"_count must be an integer between 0 and {FhirSearch.MaxCount}.");
                        }

                        result.Count = count;
                        break;
                    case "patient":
                        var patients = alternatives.Select(a => a.StartsWith("Patient/", StringComparison.Ordinal) ? a : "Patient/" + a).ToArray();
                        result._filters.Add(e => e.Entity.Any(x => x.What?.Reference is { } r && patients.Contains(r, StringComparer.Ordinal)));
                        break;
                    case "agent":
                        result._filters.Add(e => e.Agent.Any(a => alternatives.Contains(a.Who?.Reference, StringComparer.Ordinal)
                            || alternatives.Contains(a.Who?.Identifier?.Value, StringComparer.Ordinal)));
                        break;
                    case "subtype":
                        var codes = alternatives.Select(a => a.Contains('|', StringComparison.Ordinal) ? a : SmartAuditEventCodes.System + "|" + a).ToArray();
                        result._filters.Add(e => e.Subtype.Any(c => codes.Contains(c.System + "|" + c.Code, StringComparer.Ordinal)));
                        break;
                    case "date":
                        var conditions = new List<(string Prefix, FhirDateRange Range)>();
                        foreach (var alternative in alternatives)
                        {
                            var prefix = alternative.Length > 2 && s_datePrefixes.Contains(alternative[..2], StringComparer.Ordinal) ? alternative[..2] : "eq";
                            var text = prefix == "eq" && !alternative.StartsWith("eq", StringComparison.Ordinal) ? alternative : alternative[2..];
                            if (!FhirDateRange.TryParse(text, out var range))
                            {
                                return (null, $"'{alternative}' is not a valid date value: use an optional prefix (eq, ne, lt, le, gt, ge, sa, eb) and a FHIR date such as 2026-12-01.");
                            }

                            conditions.Add((prefix, range));
                        }

                        result._filters.Add(e => FhirDateRange.From(e.RecordedElement) is { } recorded && conditions.Any(c => recorded.Matches(c.Prefix, c.Range)));
                        break;
                }
            }
        }

        return (result, null);
    }

    /// <summary>Whether <paramref name="auditEvent"/> matches every parameter.</summary>
    public bool Matches(AuditEvent auditEvent) => _filters.TrueForAll(f => f(auditEvent));
}
