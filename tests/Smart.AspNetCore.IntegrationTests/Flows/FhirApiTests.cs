using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Smart.AspNetCore.IntegrationTests.Infrastructure;

namespace Smart.AspNetCore.IntegrationTests.Flows;

/// <summary>Tokens from the real flows against the sample's FHIR API (RS-1..RS-8, CTX-2, OIDC-3).</summary>
[Collection(SampleEhrCollection.Name)]
public class FhirApiTests(SampleEhrFactory factory)
{
    private const string VitalSigns = "http://terminology.hl7.org/CodeSystem/observation-category|vital-signs";

    private async Task<(SmartFlowClient Flow, string Token)> EhrLaunchTokenAsync(string scope)
    {
        var flow = new SmartFlowClient(factory);
        await flow.LoginAsync();
        var launch = await flow.StartEhrLaunchAsync("peds-001");
        var token = await flow.ExchangeCodeAsync(await flow.AuthorizeCodeAsync(scope, launch));
        token.Status.Should().Be(HttpStatusCode.OK);
        return (flow, token["access_token"]!);
    }

    private static async Task<(HttpStatusCode Status, JsonElement Json, HttpResponseMessage Response)> GetAsync(HttpClient client, string path, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, body.Length > 0 ? JsonDocument.Parse(body).RootElement.Clone() : default, response);
    }

    private static IEnumerable<JsonElement> Entries(JsonElement bundle, string mode = "match") =>
        bundle.TryGetProperty("entry", out var entries)
            ? entries.EnumerateArray().Where(e => e.GetProperty("search").GetProperty("mode").GetString() == mode).Select(e => e.GetProperty("resource"))
            : [];

    [Fact] // RS-3, g10 "Server rejects unauthorized access": exactly 401 with a Bearer challenge.
    public async Task Read_WithoutToken_Is401()
    {
        using var client = factory.CreateClient();

        var (status, _, response) = await GetAsync(client, "/fhir/Patient/peds-001", null);

        status.Should().Be(HttpStatusCode.Unauthorized);
        response.Headers.WwwAuthenticate.Single().ToString().Should().Be($"Bearer realm=\"{SampleEhrFactory.FhirBase}\"");
    }

    [Fact] // RS-4
    public async Task Read_WithGarbageToken_Is401InvalidToken()
    {
        using var client = factory.CreateClient();

        var (status, _, response) = await GetAsync(client, "/fhir/Patient/peds-001", "not-a-token");

        status.Should().Be(HttpStatusCode.Unauthorized);
        response.Headers.WwwAuthenticate.Single().ToString().Should().Contain("error=\"invalid_token\"");
    }

    [Fact] // CTX-2, RS-6, g10 "Patient from launch context can be retrieved"
    public async Task EhrLaunchToken_ReadsOwnPatientOnly()
    {
        var (flow, token) = await EhrLaunchTokenAsync("launch openid fhirUser patient/Patient.rs patient/Observation.rs");
        using (flow)
        {
            var (own, patient, _) = await GetAsync(flow.App, "/fhir/Patient/peds-001", token);
            own.Should().Be(HttpStatusCode.OK);
            patient.GetProperty("id").GetString().Should().Be("peds-001");

            var (other, outcome, response) = await GetAsync(flow.App, "/fhir/Patient/adult-002", token);
            other.Should().Be(HttpStatusCode.Forbidden);                                   // RS-5
            outcome.GetProperty("resourceType").GetString().Should().Be("OperationOutcome");
            outcome.GetProperty("issue")[0].GetProperty("diagnostics").GetString().Should().Contain("outside the access token's patient compartment");
            response.Headers.WwwAuthenticate.Single().ToString().Should().Contain("error=\"insufficient_scope\"");
        }
    }

    [Fact] // RS-6, RS-9: searches and _include stay inside the patient compartment.
    public async Task EhrLaunchToken_SearchesOnlyThePatientsObservations()
    {
        var (flow, token) = await EhrLaunchTokenAsync("launch patient/Patient.rs patient/Observation.rs");
        using (flow)
        {
            var (status, bundle, _) = await GetAsync(flow.App, "/fhir/Observation?_include=Observation:patient&_count=500", token);

            status.Should().Be(HttpStatusCode.OK);
            var matches = Entries(bundle).ToList();
            matches.Should().HaveCountGreaterThanOrEqualTo(30);
            matches.Should().OnlyContain(o => o.GetProperty("subject").GetProperty("reference").GetString() == "Patient/peds-001");
            Entries(bundle, "include").Should().ContainSingle().Which.GetProperty("id").GetString().Should().Be("peds-001");
            bundle.GetProperty("total").GetInt32().Should().Be(matches.Count);

            var (otherStatus, otherBundle, _) = await GetAsync(flow.App, "/fhir/Observation?patient=adult-002", token);
            ((int)otherStatus).Should().BeOneOf(200, 403);
            if (otherStatus == HttpStatusCode.OK)
            {
                Entries(otherBundle).Should().BeEmpty();
            }
        }
    }

    [Fact] // RS-5, g10 "Restricted Resource Type Access": a type outside the grant is 403, never 404 or an empty 200.
    public async Task EhrLaunchToken_UngrantedType_Is403()
    {
        var (flow, token) = await EhrLaunchTokenAsync("launch patient/Patient.rs");
        using (flow)
        {
            (await GetAsync(flow.App, "/fhir/Condition?patient=peds-001", token)).Status.Should().Be(HttpStatusCode.Forbidden);
            (await GetAsync(flow.App, "/fhir/Observation/does-not-exist", token)).Status.Should().Be(HttpStatusCode.Forbidden);
        }
    }

    [Fact] // RS-8, SCOPE-8: a granular token sees exactly the matching category.
    public async Task GranularToken_SeesOnlyVitalSigns()
    {
        var (flow, token) = await EhrLaunchTokenAsync("launch patient/Observation.rs?category=" + VitalSigns);
        using (flow)
        {
            var (status, bundle, _) = await GetAsync(flow.App, "/fhir/Observation?patient=peds-001", token);

            status.Should().Be(HttpStatusCode.OK);
            Entries(bundle).Should().NotBeEmpty().And.OnlyContain(o =>
                o.GetProperty("category").EnumerateArray().Any(c => c.GetProperty("coding").EnumerateArray().Any(x => x.GetProperty("code").GetString() == "vital-signs")));
        }
    }

    [Fact] // OIDC-3: the fhirUser resource is readable with a user/ token.
    public async Task UserToken_ReadsFhirUserResource()
    {
        var (flow, token) = await EhrLaunchTokenAsync("launch openid fhirUser user/Practitioner.rs user/Patient.rs");
        using (flow)
        {
            var (status, practitioner, _) = await GetAsync(flow.App, "/fhir/Practitioner/prac-001", token);

            status.Should().Be(HttpStatusCode.OK);
            practitioner.GetProperty("resourceType").GetString().Should().Be("Practitioner");
        }
    }

    [Fact] // RS-6, RS-7: writes stay inside the compartment; write does not imply read.
    public async Task PatientWriteToken_CreatesOnlyInCompartment()
    {
        using var flow = new SmartFlowClient(factory);
        await flow.LoginAsync("patient", "patient");
        const string redirectUri = SampleEhrFactory.Origin + "/apps/confidential/callback";
        var authorize = flow.AuthorizeParameters("launch/patient patient/Observation.c", clientId: "confidential-app", redirectUri: redirectUri);
        var redirect = await flow.FollowToAppAsync(await flow.AuthorizeAsync(authorize));
        var result = await flow.TokenAsync(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code", ["code"] = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(redirect.Query)["code"]!,
            ["redirect_uri"] = redirectUri, ["code_verifier"] = flow.Verifier, ["client_id"] = "confidential-app", ["client_secret"] = "confidential-secret",
        });
        result["scope"].Should().Be("launch/patient patient/Observation.c");
        var token = result["access_token"]!;
        {
            (await PostObservationAsync(flow.App, token, "peds-001")).Should().Be(HttpStatusCode.Created);
            (await PostObservationAsync(flow.App, token, "adult-002")).Should().Be(HttpStatusCode.Forbidden);
            (await GetAsync(flow.App, "/fhir/Observation?patient=peds-001", token)).Status.Should().Be(HttpStatusCode.Forbidden);
        }
    }

    [Fact] // REFRESH-5, g10: the refreshed access token reads the patient.
    public async Task RefreshedToken_ReadsPatient()
    {
        using var flow = new SmartFlowClient(factory);
        await flow.LoginAsync("patient", "patient");
        var token = await flow.ExchangeCodeAsync(await flow.AuthorizeCodeAsync("launch/patient openid patient/Patient.rs offline_access"));
        var refreshed = await flow.RefreshAsync(token["refresh_token"]!);

        (await GetAsync(flow.App, "/fhir/Patient/" + refreshed["patient"], refreshed["access_token"])).Status.Should().Be(HttpStatusCode.OK);
    }

    [Fact] // RS-10: the app's registered origin may read FHIR responses; other origins may not.
    public async Task Read_WithOrigin_AllowsOnlyTheClientsRegisteredOrigin()
    {
        var (flow, token) = await EhrLaunchTokenAsync("launch patient/Patient.rs");
        using (flow)
        {
            foreach (var (origin, allowed) in new[] { (SampleEhrFactory.Origin, true), ("https://evil.example", false) })
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/fhir/Patient/peds-001", UriKind.Relative));
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                request.Headers.Add("Origin", origin);
                using var response = await flow.App.SendAsync(request);

                response.StatusCode.Should().Be(HttpStatusCode.OK);
                if (allowed)
                {
                    response.Headers.GetValues("Access-Control-Allow-Origin").Should().Equal(origin);
                }
                else
                {
                    response.Headers.Contains("Access-Control-Allow-Origin").Should().BeFalse();
                }
            }
        }
    }

    [Fact] // RS-10: preflights are answered; a 401 is readable cross-origin so the app knows to re-authorize.
    public async Task Fhir_PreflightAnd401_AreCorsReadable()
    {
        using var client = factory.CreateClient();
        using var preflight = new HttpRequestMessage(HttpMethod.Options, new Uri("/fhir/Observation?patient=peds-001", UriKind.Relative));
        preflight.Headers.Add("Origin", "https://app.example.org");
        preflight.Headers.Add("Access-Control-Request-Method", "GET");
        preflight.Headers.Add("Access-Control-Request-Headers", "authorization");
        using var preflightResponse = await client.SendAsync(preflight);
        preflightResponse.StatusCode.Should().Be(HttpStatusCode.NoContent);
        preflightResponse.Headers.GetValues("Access-Control-Allow-Headers").Single().Should().ContainEquivalentOf("authorization");

        using var unauthorized = new HttpRequestMessage(HttpMethod.Get, new Uri("/fhir/Patient/peds-001", UriKind.Relative));
        unauthorized.Headers.Add("Origin", "https://app.example.org");
        using var response = await client.SendAsync(unauthorized);
        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        response.Headers.GetValues("Access-Control-Allow-Origin").Should().Equal("https://app.example.org");
    }

    [Fact] // DISC-13: metadata needs no token even though the FHIR API is protected.
    public async Task Metadata_StaysAnonymous()
    {
        using var client = factory.CreateClient();

        (await GetAsync(client, "/fhir/metadata", null)).Status.Should().Be(HttpStatusCode.OK);
    }

    private static async Task<HttpStatusCode> PostObservationAsync(HttpClient client, string token, string patient)
    {
        var json = $$$"""
            {"resourceType":"Observation","status":"final",
             "category":[{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/observation-category","code":"vital-signs"}]}],
             "code":{"coding":[{"system":"http://loinc.org","code":"29463-7"}]},
             "subject":{"reference":"Patient/{{{patient}}}"},"effectiveDateTime":"2026-11-01",
             "valueQuantity":{"value":17.2,"unit":"kg","system":"http://unitsofmeasure.org","code":"kg"}}
            """;
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/fhir/Observation", UriKind.Relative))
        {
            Content = new StringContent(json, Encoding.UTF8, "application/fhir+json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }
}
