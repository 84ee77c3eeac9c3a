using System.Text.Json;
using Smart.AspNetCore.Endpoints.Token;
using Smart.AspNetCore.LaunchContext;

namespace Smart.AspNetCore.Tests.Token;

public class TokenResponsesTests
{
    private static JsonElement Write(SmartLaunchContext context)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            LaunchContextJson.Write(json, context);
            json.WriteEndObject();
        }

        return JsonDocument.Parse(buffer.ToArray()).RootElement.Clone();
    }

    [Fact] // CTX-4: fhirContext in the SMART 2.2 object shape (example D.3).
    public void WriteLaunchContext_FhirContext_UsesSmart22ObjectShape()
    {
        var context = new SmartLaunchContext
        {
            FhirContext =
            {
                new SmartFhirContextItem { Reference = "DiagnosticReport/dr-123" },
                new SmartFhirContextItem { Reference = "List/456", Role = "https://example.org/med-list-at-home" },
                new SmartFhirContextItem { Canonical = "https://example.org/Questionnaire/phq-9|2.0", Type = "Questionnaire", Role = "https://example.org/role/questionnaire-to-display" },
                new SmartFhirContextItem { Identifier = new SmartIdentifier { System = "urn:ietf:rfc:3986", Value = "urn:uuid:1" }, Type = "DocumentReference" },
            },
        };

        var fhirContext = Write(context).GetProperty("fhirContext");

        fhirContext.GetArrayLength().Should().Be(4);
        fhirContext[0].GetRawText().Should().Be("""{"reference":"DiagnosticReport/dr-123"}""");
        fhirContext[1].GetRawText().Should().Be("""{"reference":"List/456","role":"https://example.org/med-list-at-home"}""");
        fhirContext[2].GetProperty("canonical").GetString().Should().Be("https://example.org/Questionnaire/phq-9|2.0");
        fhirContext[2].GetProperty("type").GetString().Should().Be("Questionnaire");
        fhirContext[3].GetProperty("identifier").GetProperty("value").GetString().Should().Be("urn:uuid:1");
    }

    [Fact] // CTX-1, CTX-2, CTX-3, CTX-5: top-level members with JSON types.
    public void WriteLaunchContext_AllMembers_AreTopLevelWithJsonTypes()
    {
        var context = new SmartLaunchContext
        {
            Patient = "123",
            Encounter = "enc-1",
            NeedPatientBanner = false,
            SmartStyleUrl = "https://ehr.example.org/smart-style/v7.json",
            Intent = "reconcile-medications",
            Tenant = "2ddd6c3a",
            Parameters = { ["__extra"] = "x" },
        };

        var json = Write(context);

        json.GetProperty("patient").GetString().Should().Be("123");
        json.GetProperty("encounter").GetString().Should().Be("enc-1");
        json.GetProperty("need_patient_banner").ValueKind.Should().Be(JsonValueKind.False);
        json.GetProperty("smart_style_url").GetString().Should().Be("https://ehr.example.org/smart-style/v7.json");
        json.GetProperty("intent").GetString().Should().Be("reconcile-medications");
        json.GetProperty("tenant").GetString().Should().Be("2ddd6c3a");
        json.GetProperty("__extra").GetString().Should().Be("x");
        json.TryGetProperty("fhirContext", out _).Should().BeFalse();
    }
}
