using System.Globalization;
using Hl7.Fhir.Model;

namespace Smart.Sample.Ehr.Pages;

/// <summary>Formats FHIR data for the EHR pages.</summary>
public static class FhirDisplay
{
    /// <summary>"Emma Sofia Rivera" from the first (official) name.</summary>
    public static string Name(IEnumerable<HumanName> names)
    {
        var list = names.ToList();
        var name = list.FirstOrDefault(n => n.Use == HumanName.NameUse.Official) ?? list.FirstOrDefault();
        if (name is null)
        {
            return "(no name)";
        }

        return name.Text ?? string.Join(' ', name.Prefix.Concat(name.Given).Append(name.Family).Where(p => !string.IsNullOrEmpty(p)));
    }

    /// <summary>The display text of a concept: its text, else the first coding's display or code.</summary>
    public static string Concept(CodeableConcept? concept) =>
        concept?.Text ?? concept?.Coding.Select(c => c.Display ?? c.Code).FirstOrDefault(d => d is not null) ?? "—";

    /// <summary>An Observation's value: quantity with unit, or components such as "120/80 mmHg".</summary>
    public static string Value(Observation observation)
    {
        ArgumentNullException.ThrowIfNull(observation);
        if (observation.Value is not null)
        {
            return Value(observation.Value);
        }

        var components = observation.Component.Select(c => c.Value).OfType<Quantity>().ToList();
        if (components.Count > 0)
        {
            var unit = components[0].Unit;
            return string.Join('/', components.Select(q => Number(q.Value))) + (unit is null ? string.Empty : " " + unit);
        }

        return "—";
    }

    /// <summary>The date part of a date, dateTime or Period start (<c>yyyy-MM-dd</c>).</summary>
    public static string Date(DataType? value) => value switch
    {
        FhirDateTime dateTime => DatePart(dateTime.Value),
        Date date => DatePart(date.Value),
        Period period => DatePart(period.Start),
        _ => "—",
    };

    /// <summary>The date part of a FHIR date string.</summary>
    public static string DatePart(string? value) => value is null ? "—" : value.Length > 10 ? value[..10] : value;

    /// <summary>Age in whole years (or months under two) on <paramref name="today"/>.</summary>
    public static string Age(string? birthDate, DateOnly today)
    {
        if (!DateOnly.TryParseExact(birthDate, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var born))
        {
            return "—";
        }

        var months = ((today.Year - born.Year) * 12) + today.Month - born.Month - (today.Day < born.Day ? 1 : 0);
        return months < 24 ? $"{months} months" : $"{months / 12} years";
    }

    /// <summary>"Female", "Male", ...</summary>
    public static string Gender(AdministrativeGender? gender) => gender switch
    {
        AdministrativeGender.Female => "Female",
        AdministrativeGender.Male => "Male",
        AdministrativeGender.Other => "Other",
        AdministrativeGender.Unknown => "Unknown",
        _ => "—",
    };

    private static string Value(DataType value) => value switch
    {
        Quantity quantity => Number(quantity.Value) + (quantity.Unit is null ? string.Empty : " " + quantity.Unit),
        CodeableConcept concept => Concept(concept),
        FhirString text => text.Value ?? "—",
        FhirBoolean flag => flag.Value == true ? "yes" : "no",
        Integer integer => integer.Value?.ToString(CultureInfo.InvariantCulture) ?? "—",
        _ => value.ToString() ?? "—",
    };

    private static string Number(decimal? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "—";
}
