namespace Smart.Sample.Ehr.Data;

/// <summary>Code systems and codes used by the demo data.</summary>
public static class Codes
{
    /// <summary>LOINC.</summary>
    public const string LoincSystem = "http://loinc.org";

    /// <summary>SNOMED CT.</summary>
    public const string SnomedSystem = "http://snomed.info/sct";

    /// <summary>HL7 v3 Confidentiality (security labels in <c>meta.security</c>).</summary>
    public const string ConfidentialitySystem = "http://terminology.hl7.org/CodeSystem/v3-Confidentiality";

    /// <summary>v3-Confidentiality <c>R</c> (restricted).</summary>
    public const string Restricted = "R";

    /// <summary>v3-Confidentiality <c>V</c> (very restricted).</summary>
    public const string VeryRestricted = "V";

    /// <summary>The demo EHR's own code system for concerns that have no standard code here (safeguarding).</summary>
    public const string DemoConcernSystem = "http://example.org/fhir/CodeSystem/ehr-concerns";

    /// <summary>UCUM units.</summary>
    public const string UcumSystem = "http://unitsofmeasure.org";

    /// <summary>Observation categories.</summary>
    public const string ObservationCategorySystem = "http://terminology.hl7.org/CodeSystem/observation-category";

    /// <summary>Observation category <c>vital-signs</c>.</summary>
    public const string VitalSigns = "vital-signs";

    /// <summary>Observation category <c>laboratory</c>.</summary>
    public const string Laboratory = "laboratory";

    /// <summary>LOINC 8302-2 Body height.</summary>
    public const string BodyHeight = "8302-2";

    /// <summary>LOINC 29463-7 Body weight.</summary>
    public const string BodyWeight = "29463-7";

    /// <summary>LOINC 9843-4 Head Occipital-frontal circumference.</summary>
    public const string HeadCircumference = "9843-4";

    /// <summary>LOINC 39156-5 Body mass index.</summary>
    public const string Bmi = "39156-5";

    /// <summary>LOINC 85354-9 Blood pressure panel.</summary>
    public const string BloodPressure = "85354-9";

    /// <summary>LOINC 8480-6 Systolic blood pressure.</summary>
    public const string Systolic = "8480-6";

    /// <summary>LOINC 8462-4 Diastolic blood pressure.</summary>
    public const string Diastolic = "8462-4";

    /// <summary>LOINC 8867-4 Heart rate.</summary>
    public const string HeartRate = "8867-4";

    /// <summary>LOINC 2339-0 Glucose [Mass/volume] in Blood.</summary>
    public const string Glucose = "2339-0";

    /// <summary>LOINC 4548-4 Hemoglobin A1c/Hemoglobin.total in Blood.</summary>
    public const string HbA1c = "4548-4";

    /// <summary>LOINC 2093-3 Cholesterol [Mass/volume] in Serum or Plasma.</summary>
    public const string Cholesterol = "2093-3";

    /// <summary>LOINC 718-7 Hemoglobin [Mass/volume] in Blood.</summary>
    public const string Hemoglobin = "718-7";
}
