using System.Globalization;
using Hl7.Fhir.Model;

namespace Smart.Sample.Ehr.Fhir;

/// <summary>
/// A FHIR date, dateTime or Period as the half-open interval [Start, End) it covers at its precision:
/// <c>2024</c> is the whole year, <c>2024-05-01</c> the whole day. Values without a time zone are taken as UTC.
/// </summary>
public readonly record struct FhirDateRange(DateTimeOffset Start, DateTimeOffset End)
{
    private static readonly string[] s_dateTimeFormats =
    [
        "yyyy-MM-dd'T'HH:mmK", "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
    ];

    /// <summary>Parses <c>YYYY</c>, <c>YYYY-MM</c>, <c>YYYY-MM-DD</c> or a dateTime with time.</summary>
    public static bool TryParse(string? value, out FhirDateRange range)
    {
        range = default;
        if (string.IsNullOrEmpty(value))
        {
            return false;
        }

        var styles = DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal;
        var culture = CultureInfo.InvariantCulture;
        switch (value.Length)
        {
            case 4 when DateTimeOffset.TryParseExact(value, "yyyy", culture, styles, out var year):
                range = new(year, year.AddYears(1));
                return true;
            case 7 when DateTimeOffset.TryParseExact(value, "yyyy-MM", culture, styles, out var month):
                range = new(month, month.AddMonths(1));
                return true;
            case 10 when DateTimeOffset.TryParseExact(value, "yyyy-MM-dd", culture, styles, out var day):
                range = new(day, day.AddDays(1));
                return true;
        }

        if (DateTimeOffset.TryParseExact(value, s_dateTimeFormats, culture, styles, out var instant))
        {
            // A time given to the minute covers that minute; otherwise the second.
            var precision = value.Length >= 19 && value[16] == ':' ? TimeSpan.FromSeconds(1) : TimeSpan.FromMinutes(1);
            range = new(instant, instant + precision);
            return true;
        }

        return false;
    }

    /// <summary>The range of a FHIR date-like element (date, dateTime, instant or Period); <see langword="null"/> when absent.</summary>
    public static FhirDateRange? From(DataType? value) => value switch
    {
        FhirDateTime dateTime => TryParse(dateTime.Value, out var r) ? r : null,
        Date date => TryParse(date.Value, out var r) ? r : null,
        Instant instant when instant.Value is { } v => new FhirDateRange(v, v.AddTicks(1)),
        Period period => FromPeriod(period),
        _ => null,
    };

    /// <summary>Whether this (resource) range satisfies the search <paramref name="prefix"/> against <paramref name="parameter"/>.</summary>
    public bool Matches(string prefix, FhirDateRange parameter)
    {
        var equal = Start >= parameter.Start && End <= parameter.End;
        return prefix switch
        {
            "eq" => equal,
            "ne" => !equal,
            "gt" => End > parameter.End,
            "lt" => Start < parameter.Start,
            "ge" => End > parameter.End || equal,
            "le" => Start < parameter.Start || equal,
            "sa" => Start >= parameter.End,
            "eb" => End <= parameter.Start,
            _ => false,
        };
    }

    private static FhirDateRange? FromPeriod(Period period)
    {
        var start = TryParse(period.Start, out var s) ? s.Start : DateTimeOffset.MinValue;
        var end = TryParse(period.End, out var e) ? e.End : DateTimeOffset.MaxValue;
        return period.Start is null && period.End is null ? null : new FhirDateRange(start, end);
    }
}
