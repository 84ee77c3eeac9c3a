using System.Globalization;
using Hl7.Fhir.Model;
using Microsoft.Extensions.Primitives;
using Smart.Sample.Ehr.Data;

namespace Smart.Sample.Ehr.Fhir;

/// <summary>
/// FHIR search over the in-memory store. Repeated parameters are AND, comma-separated values are OR. Unknown
/// parameters are ignored (FHIR's default "lenient" handling); malformed values of known ones are errors.
/// </summary>
public sealed class FhirSearch
{
    /// <summary>Page size when <c>_count</c> is absent.</summary>
    public const int DefaultCount = 100;

    /// <summary>Largest accepted <c>_count</c>.</summary>
    public const int MaxCount = 1000;

    private static readonly string[] s_datePrefixes = ["eq", "ne", "lt", "le", "gt", "ge", "sa", "eb"];

    private readonly IFhirStore _store;
    private readonly string _fhirBase;
    private Func<Resource, bool> _visible = static _ => true;

    /// <summary>Creates a search over <paramref name="store"/>; <paramref name="fhirBase"/> builds absolute URLs.</summary>
    public FhirSearch(IFhirStore store, string fhirBase)
    {
        _store = store;
        _fhirBase = fhirBase.TrimEnd('/');
    }

    /// <summary>Runs a search; returns a searchset Bundle, or an error message for a bad request.</summary>
    /// <param name="type">The resource type searched.</param>
    /// <param name="query">The search parameters.</param>
    /// <param name="now">The time stamped on the Bundle.</param>
    /// <param name="visible">
    /// What the caller may see (the SMART access context's constraints). Applied before paging, so totals and pages
    /// only ever count visible resources; included resources are filtered too.
    /// </param>
    /// <param name="cancellationToken">Aborts the store reads.</param>
    public async Task<(Bundle? Bundle, string? Error)> SearchAsync(FhirResourceType type, IQueryCollection query, DateTimeOffset now, Func<Resource, bool>? visible = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(query);

        _visible = visible ?? (static _ => true);
        IEnumerable<Resource> matches = (await _store.AllAsync(type.Name, cancellationToken)).Where(_visible);
        var count = DefaultCount;
        var offset = 0;
        var descending = false;
        var sortByDate = false;
        var includePatients = false;

        foreach (var (name, values) in query)
        {
            if (name.Contains(':', StringComparison.Ordinal))
            {
                return (null, $"Search parameter modifiers are not supported ('{name}').");
            }

            switch (name)
            {
                case "_count":
                    if (!TryParseInt(values, 0, MaxCount, out count))
                    {
                        return (null, $"_count must be an integer between 0 and {MaxCount}.");
                    }

                    break;
                case "_offset":
                    if (!TryParseInt(values, 0, int.MaxValue, out offset))
                    {
                        return (null, "_offset must be a non-negative integer.");
                    }

                    break;
                case "_sort":
                    var sort = values.ToString();
                    if (sort is "date" or "-date" && type.Date is not null)
                    {
                        sortByDate = true;
                        descending = sort.StartsWith('-');
                    }
                    else if (sort is "_id" or "-_id")
                    {
                        descending = sort.StartsWith('-');
                    }

                    break;
                case "_include":
                    includePatients |= values.Any(v => v == $"{type.Name}:patient" || v == $"{type.Name}:subject") && type.Subject is not null;
                    break;
                default:
                    foreach (var value in values)
                    {
                        if (value is null)
                        {
                            continue;
                        }

                        var filter = CreateFilter(type, name, value.Split(','), out var error);
                        if (error is not null)
                        {
                            return (null, error);
                        }

                        if (filter is not null)
                        {
                            var current = matches;
                            matches = current.Where(filter);
                        }
                    }

                    break;
            }
        }

        var ordered = matches.ToList();
        if (sortByDate)
        {
            var dated = ordered.Select(r => (Resource: r, Start: FhirDateRange.From(type.Date!(r))?.Start ?? DateTimeOffset.MinValue));
            dated = descending ? dated.OrderByDescending(d => d.Start) : dated.OrderBy(d => d.Start);
            ordered = [.. dated.Select(d => d.Resource)];
        }
        else if (descending)
        {
            ordered.Reverse();
        }

        var page = ordered.Skip(offset).Take(count).ToList();
        var included = new List<Resource>();
        if (includePatients)
        {
            foreach (var id in page.Select(r => PatientId(type.Subject!(r))).OfType<string>().Distinct(StringComparer.Ordinal))
            {
                if (await _store.ReadAsync<Patient>(id, cancellationToken) is { } patient && _visible(patient))
                {
                    included.Add(patient);
                }
            }
        }

        return (CreateBundle(type, query, ordered.Count, page, included, offset, count, now), null);
    }

    private Bundle CreateBundle(FhirResourceType type, IQueryCollection query, int total, List<Resource> page, List<Resource> included, int offset, int count, DateTimeOffset now)
    {
        var bundle = new Bundle
        {
            Id = Guid.NewGuid().ToString("N"),
            Meta = new Meta { LastUpdated = now },
            Type = Bundle.BundleType.Searchset,
            Total = total,
        };
        bundle.Link.Add(new Bundle.LinkComponent { Relation = "self", Url = PageUrl(type, query, offset, count) });
        if (offset + count < total && count > 0)
        {
            bundle.Link.Add(new Bundle.LinkComponent { Relation = "next", Url = PageUrl(type, query, offset + count, count) });
        }

        foreach (var resource in page)
        {
            bundle.Entry.Add(Entry(resource, Bundle.SearchEntryMode.Match));
        }

        foreach (var patient in included)
        {
            bundle.Entry.Add(Entry(patient, Bundle.SearchEntryMode.Include));
        }

        return bundle;
    }

    private Bundle.EntryComponent Entry(Resource resource, Bundle.SearchEntryMode mode) => new()
    {
        FullUrl = $"{_fhirBase}/{resource.TypeName}/{resource.Id}",
        Resource = resource,
        Search = new Bundle.SearchComponent { Mode = mode },
    };

    private string PageUrl(FhirResourceType type, IQueryCollection query, int offset, int count)
    {
        var parameters = query
            .Where(p => p.Key is not "_offset" and not "_count")
            .SelectMany(p => p.Value.Select(v => new KeyValuePair<string, string?>(p.Key, v)))
            .Append(new("_count", count.ToString(CultureInfo.InvariantCulture)));
        if (offset > 0)
        {
            parameters = parameters.Append(new("_offset", offset.ToString(CultureInfo.InvariantCulture)));
        }

        return $"{_fhirBase}/{type.Name}{QueryString.Create(parameters)}";
    }

    private Func<Resource, bool>? CreateFilter(FhirResourceType type, string name, string[] values, out string? error)
    {
        error = null;
        if (name == "_id")
        {
            return r => values.Contains(r.Id, StringComparer.Ordinal);
        }

        if (type.Subject is { } subject && name is "patient" or "subject")
        {
            var wanted = values.Select(ReferenceId).ToList();
            return r => PatientId(subject(r)) is { } id && wanted.Contains(id, StringComparer.Ordinal);
        }

        if (type.Code is { } code && name == type.CodeParameter)
        {
            return r => code(r).Any(c => MatchesAnyToken(c, values));
        }

        if (type.Category is { } category && name == "category")
        {
            return r => category(r).Any(c => MatchesAnyToken(c, values));
        }

        if (type.Names is { } names && name == "name")
        {
            return r => names(r).Any(n => values.Any(v => NameMatches(n, v)));
        }

        if (type.Gender is { } gender && name == "gender")
        {
            return r => gender(r) is { } g && values.Contains(g, StringComparer.OrdinalIgnoreCase);
        }

        if (type.Date is { } date && name == type.DateParameter)
        {
            var conditions = new List<(string Prefix, FhirDateRange Range)>();
            foreach (var value in values)
            {
                var prefix = value.Length > 2 && s_datePrefixes.Contains(value[..2], StringComparer.Ordinal) ? value[..2] : "eq";
                var text = prefix == "eq" && !value.StartsWith("eq", StringComparison.Ordinal) ? value : value[2..];
                if (!FhirDateRange.TryParse(text, out var range))
                {
                    error = $"'{value}' is not a valid {name} value: use an optional prefix (eq, ne, lt, le, gt, ge, sa, eb) and a FHIR date such as 2024-05-01.";
                    return null;
                }

                conditions.Add((prefix, range));
            }

            return r => FhirDateRange.From(date(r)) is { } range && conditions.Any(c => range.Matches(c.Prefix, c.Range));
        }

        return null;
    }

    // Accepts "Patient/{id}", "{id}" and "{fhir base}/Patient/{id}". Subjects in this sample are always patients,
    // so a reference to another type matches nothing.
    private string ReferenceId(string value)
    {
        var reference = value.StartsWith(_fhirBase + "/", StringComparison.Ordinal) ? value[(_fhirBase.Length + 1)..] : value;
        var slash = reference.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0)
        {
            return reference;
        }

        return reference[..slash] == "Patient" ? reference[(slash + 1)..] : "\0";
    }

    /// <summary>The patient id of a <c>Patient/{id}</c> reference (relative or absolute), or <see langword="null"/>.</summary>
    public static string? PatientId(ResourceReference? reference)
    {
        var value = reference?.Reference;
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        var parts = value.Split('/');
        return parts.Length >= 2 && parts[^2] == "Patient" ? parts[^1] : null;
    }

    private static bool MatchesAnyToken(CodeableConcept concept, string[] values) =>
        values.Any(value =>
        {
            var bar = value.IndexOf('|', StringComparison.Ordinal);
            if (bar < 0)
            {
                return concept.Coding.Any(c => c.Code == value);
            }

            var system = value[..bar];
            var code = value[(bar + 1)..];
            return concept.Coding.Any(c =>
                (system.Length == 0 ? string.IsNullOrEmpty(c.System) : c.System == system)
                && (code.Length == 0 || c.Code == code));
        });

    private static bool NameMatches(HumanName name, string value)
    {
        var parts = new[] { name.Text, name.Family }.Concat(name.Given).Concat(name.Prefix);
        return parts.Any(p => p is not null && p.StartsWith(value, StringComparison.OrdinalIgnoreCase));
    }

    private static bool TryParseInt(StringValues values, int min, int max, out int result) =>
        int.TryParse(values.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out result) && result >= min && result <= max;
}
