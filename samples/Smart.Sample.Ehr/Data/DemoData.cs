using System.Globalization;
using Hl7.Fhir.Model;

namespace Smart.Sample.Ehr.Data;

/// <summary>
/// The demo records, built at start-up relative to "today" so the child is always about four years old.
/// Ids are stable: <c>peds-001</c>, <c>adult-002</c>, <c>adult-003</c>, <c>prac-001</c>.
/// </summary>
public static class DemoData
{
    /// <summary>The pediatric patient with growth data.</summary>
    public const string PediatricPatientId = "peds-001";

    /// <summary>The first adult patient.</summary>
    public const string AdultPatientId = "adult-002";

    /// <summary>The second adult patient.</summary>
    public const string SecondAdultPatientId = "adult-003";

    /// <summary>The clinician's practitioner record.</summary>
    public const string PractitionerId = "prac-001";

    private const string MrnSystem = "urn:example:smart-sample-ehr:mrn";

    // Well-child visits: age in months, then height (cm), weight (kg) and head circumference (cm) close to the
    // WHO girls' growth standards (roughly the 60th percentile).
    private static readonly (int Months, decimal Height, decimal Weight, decimal Head)[] s_growth =
    [
        (0, 49.6m, 3.3m, 34.1m),
        (1, 54.2m, 4.4m, 36.7m),
        (2, 57.6m, 5.3m, 38.5m),
        (4, 62.6m, 6.6m, 40.8m),
        (6, 66.2m, 7.5m, 42.4m),
        (9, 70.6m, 8.4m, 44.0m),
        (12, 74.6m, 9.2m, 45.1m),
        (15, 78.1m, 9.9m, 45.9m),
        (18, 81.3m, 10.5m, 46.4m),
        (24, 86.9m, 11.8m, 47.4m),
        (30, 91.3m, 13.0m, 47.9m),
        (36, 95.6m, 14.2m, 48.3m),
        (42, 99.5m, 15.3m, 48.6m),
        (48, 103.2m, 16.4m, 48.9m),
    ];

    /// <summary>Builds every demo resource.</summary>
    public static IReadOnlyList<Resource> Create(TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        var today = DateOnly.FromDateTime(timeProvider.GetUtcNow().UtcDateTime);
        var resources = new List<Resource> { CreatePractitioner() };
        resources.AddRange(CreatePediatricRecord(today));
        resources.AddRange(CreateFirstAdultRecord(today));
        resources.AddRange(CreateSecondAdultRecord(today));
        return resources;
    }

    private static Practitioner CreatePractitioner() => new()
    {
        Id = PractitionerId,
        Active = true,
        Identifier = [new Identifier("http://hl7.org/fhir/sid/us-npi", "1234567893")],
        Name = [new HumanName { Use = HumanName.NameUse.Official, Family = "Morgan", Given = ["Alex"], Prefix = ["Dr."] }],
        Telecom = [new ContactPoint(ContactPoint.ContactPointSystem.Email, ContactPoint.ContactPointUse.Work, "alex.morgan@ehr.example.org")],
        Gender = AdministrativeGender.Other,
        Qualification =
        [
            new Practitioner.QualificationComponent
            {
                Code = new CodeableConcept("http://terminology.hl7.org/CodeSystem/v2-0360", "MD", "Doctor of Medicine", "Doctor of Medicine"),
            },
        ],
    };

    private static IEnumerable<Resource> CreatePediatricRecord(DateOnly today)
    {
        // Born four years and a few weeks ago, so the 48-month visit happened recently.
        var birthDate = today.AddYears(-4).AddDays(-18);
        yield return CreatePatient(PediatricPatientId, "Rivera", ["Emma", "Sofia"], AdministrativeGender.Female, birthDate, "MRN-100001", "Lisbon Street 12");

        var number = 0;
        foreach (var (months, height, weight, head) in s_growth)
        {
            number++;
            var when = At(months == 0 ? birthDate.AddDays(2) : birthDate.AddMonths(months), 9, 30);
            var suffix = number.ToString("00", CultureInfo.InvariantCulture);
            yield return VitalSign($"peds-001-height-{suffix}", PediatricPatientId, Codes.BodyHeight, "Body height", when, height, "cm", "cm");
            yield return VitalSign($"peds-001-weight-{suffix}", PediatricPatientId, Codes.BodyWeight, "Body weight", when, weight, "kg", "kg");
            yield return VitalSign($"peds-001-head-{suffix}", PediatricPatientId, Codes.HeadCircumference, "Head Occipital-frontal circumference", when, head, "cm", "cm");
        }

        var lastVisit = birthDate.AddMonths(48);
        yield return CreateEncounter("peds-001-enc-01", PediatricPatientId, lastVisit, "410620009", "Well child visit (procedure)");
        yield return CreateCondition("peds-001-cond-01", PediatricPatientId, "24079001", "Atopic dermatitis", birthDate.AddMonths(14));
        yield return Restricted(CreateCondition(
            "sensitive-002", PediatricPatientId, "safeguarding", "Safeguarding concern", birthDate.AddMonths(40), Codes.DemoConcernSystem));
    }

    private static IEnumerable<Resource> CreateFirstAdultRecord(DateOnly today)
    {
        const string Id = AdultPatientId;
        yield return CreatePatient(Id, "Carter", ["James", "Robert"], AdministrativeGender.Male, new DateOnly(1968, 3, 14), "MRN-100002", "Harbour Road 4");

        var visits = new[] { today.AddMonths(-6).AddDays(-3), today.AddDays(-12) };
        yield return Laboratory("adult-002-glucose-01", Id, Codes.Glucose, "Glucose [Mass/volume] in Blood", At(visits[0], 8, 5), 142m, "mg/dL", "mg/dL");
        yield return Laboratory("adult-002-hba1c-01", Id, Codes.HbA1c, "Hemoglobin A1c/Hemoglobin.total in Blood", At(visits[0], 8, 5), 7.4m, "%", "%");
        yield return Laboratory("adult-002-glucose-02", Id, Codes.Glucose, "Glucose [Mass/volume] in Blood", At(visits[1], 8, 10), 126m, "mg/dL", "mg/dL");
        yield return Laboratory("adult-002-hba1c-02", Id, Codes.HbA1c, "Hemoglobin A1c/Hemoglobin.total in Blood", At(visits[1], 8, 10), 6.9m, "%", "%");
        yield return BloodPressure("adult-002-bp-01", Id, At(visits[0], 8, 20), 138, 88);
        yield return BloodPressure("adult-002-bp-02", Id, At(visits[1], 8, 25), 131, 84);
        yield return VitalSign("adult-002-weight-01", Id, Codes.BodyWeight, "Body weight", At(visits[0], 8, 20), 96.4m, "kg", "kg");
        yield return VitalSign("adult-002-weight-02", Id, Codes.BodyWeight, "Body weight", At(visits[1], 8, 25), 94.1m, "kg", "kg");
        yield return CreateEncounter("adult-002-enc-01", Id, visits[1], "390906007", "Follow-up encounter (procedure)");
        yield return CreateCondition("adult-002-cond-01", Id, "44054006", "Diabetes mellitus type 2", new DateOnly(2019, 5, 2));
        yield return Restricted(CreateCondition("sensitive-001", Id, "35489007", "Depressive disorder", new DateOnly(2021, 9, 20)));
    }

    private static IEnumerable<Resource> CreateSecondAdultRecord(DateOnly today)
    {
        const string Id = SecondAdultPatientId;
        yield return CreatePatient(Id, "Gonzalez", ["Maria", "Elena"], AdministrativeGender.Female, new DateOnly(1985, 11, 2), "MRN-100003", "Orchard Lane 27");

        var visit = today.AddMonths(-2).AddDays(-5);
        yield return Laboratory("adult-003-chol-01", Id, Codes.Cholesterol, "Cholesterol [Mass/volume] in Serum or Plasma", At(visit, 10, 0), 187m, "mg/dL", "mg/dL");
        yield return Laboratory("adult-003-hgb-01", Id, Codes.Hemoglobin, "Hemoglobin [Mass/volume] in Blood", At(visit, 10, 0), 13.2m, "g/dL", "g/dL");
        yield return Laboratory("adult-003-glucose-01", Id, Codes.Glucose, "Glucose [Mass/volume] in Blood", At(visit, 10, 0), 91m, "mg/dL", "mg/dL");
        yield return BloodPressure("adult-003-bp-01", Id, At(visit, 10, 15), 118, 76);
        yield return VitalSign("adult-003-hr-01", Id, Codes.HeartRate, "Heart rate", At(visit, 10, 15), 68m, "/min", "beats/minute");
        yield return VitalSign("adult-003-weight-01", Id, Codes.BodyWeight, "Body weight", At(visit, 10, 15), 63.5m, "kg", "kg");
        yield return VitalSign("adult-003-height-01", Id, Codes.BodyHeight, "Body height", At(visit, 10, 15), 166.0m, "cm", "cm");
        yield return CreateEncounter("adult-003-enc-01", Id, visit, "185349003", "Encounter for check up (procedure)");
    }

    private static Patient CreatePatient(string id, string family, string[] given, AdministrativeGender gender, DateOnly birthDate, string mrn, string street) => new()
    {
        Id = id,
        Active = true,
        Identifier =
        [
            new Identifier(MrnSystem, mrn)
            {
                Type = new CodeableConcept("http://terminology.hl7.org/CodeSystem/v2-0203", "MR", "Medical record number", "MRN"),
            },
        ],
        Name = [new HumanName { Use = HumanName.NameUse.Official, Family = family, Given = given }],
        Gender = gender,
        BirthDate = birthDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        Address = [new Address { Use = Address.AddressUse.Home, Line = [street], City = "Springfield", PostalCode = "01101", Country = "US" }],
        GeneralPractitioner = [new ResourceReference($"Practitioner/{PractitionerId}", "Dr. Alex Morgan")],
    };

    private static Observation VitalSign(string id, string patientId, string code, string display, DateTimeOffset when, decimal value, string ucum, string unit) =>
        CreateObservation(id, patientId, Codes.VitalSigns, "Vital Signs", code, display, when, Quantity(value, ucum, unit));

    private static Observation Laboratory(string id, string patientId, string code, string display, DateTimeOffset when, decimal value, string ucum, string unit) =>
        CreateObservation(id, patientId, Codes.Laboratory, "Laboratory", code, display, when, Quantity(value, ucum, unit));

    private static Observation BloodPressure(string id, string patientId, DateTimeOffset when, int systolic, int diastolic)
    {
        var observation = CreateObservation(id, patientId, Codes.VitalSigns, "Vital Signs", Codes.BloodPressure, "Blood pressure panel with all children optional", when, value: null);
        observation.Component =
        [
            new Observation.ComponentComponent { Code = Loinc(Codes.Systolic, "Systolic blood pressure"), Value = Quantity(systolic, "mm[Hg]", "mmHg") },
            new Observation.ComponentComponent { Code = Loinc(Codes.Diastolic, "Diastolic blood pressure"), Value = Quantity(diastolic, "mm[Hg]", "mmHg") },
        ];
        return observation;
    }

    private static Observation CreateObservation(string id, string patientId, string category, string categoryDisplay, string code, string display, DateTimeOffset when, Quantity? value) => new()
    {
        Id = id,
        Status = ObservationStatus.Final,
        Category = [new CodeableConcept(Codes.ObservationCategorySystem, category, categoryDisplay, categoryDisplay)],
        Code = Loinc(code, display),
        Subject = new ResourceReference($"Patient/{patientId}"),
        Effective = new FhirDateTime(when),
        Issued = when.AddHours(1),
        Performer = [new ResourceReference($"Practitioner/{PractitionerId}", "Dr. Alex Morgan")],
        Value = value,
    };

    private static Encounter CreateEncounter(string id, string patientId, DateOnly date, string typeCode, string typeDisplay) => new()
    {
        Id = id,
        Status = Encounter.EncounterStatus.Finished,
        Class = new Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", "AMB", "ambulatory"),
        Type = [new CodeableConcept(Codes.SnomedSystem, typeCode, typeDisplay, typeDisplay)],
        Subject = new ResourceReference($"Patient/{patientId}"),
        Participant = [new Encounter.ParticipantComponent { Individual = new ResourceReference($"Practitioner/{PractitionerId}", "Dr. Alex Morgan") }],
        Period = new Period(new FhirDateTime(At(date, 9, 0)), new FhirDateTime(At(date, 9, 40))),
    };

    // Sensitive data (SAMPLE-CONTRACT "Sensitive data and breaking the glass"): labelled restricted, so apps receive it
    // only after the user broke the glass for that grant.
    private static T Restricted<T>(T resource)
        where T : Resource
    {
        resource.Meta ??= new Meta();
        resource.Meta.Security.Add(new Coding(Codes.ConfidentialitySystem, Codes.Restricted, "restricted"));
        return resource;
    }

    private static Condition CreateCondition(string id, string patientId, string code, string display, DateOnly onset, string system = Codes.SnomedSystem) => new()
    {
        Id = id,
        ClinicalStatus = new CodeableConcept("http://terminology.hl7.org/CodeSystem/condition-clinical", "active", "Active", "Active"),
        VerificationStatus = new CodeableConcept("http://terminology.hl7.org/CodeSystem/condition-ver-status", "confirmed", "Confirmed", "Confirmed"),
        Category = [new CodeableConcept("http://terminology.hl7.org/CodeSystem/condition-category", "problem-list-item", "Problem List Item", "Problem List Item")],
        Code = new CodeableConcept(system, code, display, display),
        Subject = new ResourceReference($"Patient/{patientId}"),
        Onset = new FhirDateTime(onset.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
        RecordedDate = onset.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        Recorder = new ResourceReference($"Practitioner/{PractitionerId}", "Dr. Alex Morgan"),
    };

    private static CodeableConcept Loinc(string code, string display) => new(Codes.LoincSystem, code, display, display);

    private static Quantity Quantity(decimal value, string ucum, string unit) =>
        new() { Value = value, Unit = unit, System = Codes.UcumSystem, Code = ucum };

    private static DateTimeOffset At(DateOnly date, int hour, int minute) =>
        new(date.ToDateTime(new TimeOnly(hour, minute), DateTimeKind.Utc));
}
