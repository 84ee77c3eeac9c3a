using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.WebUtilities;
using Smart.AspNetCore.IntegrationTests.Infrastructure;

namespace Smart.AspNetCore.IntegrationTests.Hostile;

/// <summary>
/// Requests the authorization server cannot or will not read (form limits, encodings, content types, body size) get
/// the protocol's <c>invalid_request</c>, never a 500 (RFC 6749 §4.1.2.1 and §5.2, RFC 7662 §2.3, RFC 7009 §2.2.1).
/// </summary>
[Collection(SampleEhrCollection.Name)]
public class RequestLimitsTests(SampleEhrFactory factory)
{
    private const string Form = "application/x-www-form-urlencoded";

    public static TheoryData<string, string, string> UnreadableForms => new()
    {
        { "too many fields", Form, string.Join('&', Enumerable.Range(0, 40).Select(i => $"f{i}=v")) },
        { "name longer than the limit", Form, "grant_type=client_credentials&" + new string('k', 100) + "=v" },
        { "value longer than the limit", Form, "grant_type=client_credentials&client_id=" + new string('v', 17_000) },
        { "NUL in a name", Form, "grant_type=client_credentials&cli%00ent_id=x" },
        { "NUL in a value", Form, "grant_type=client_credentials&client_id=conf%00idential-app" },
        { "CR LF in client_id", Form, "grant_type=client_credentials&client_id=evil%0D%0AINJECTED" },
        { "scope longer than the limit", Form, "grant_type=client_credentials&client_id=x&scope=" + string.Join('+', Enumerable.Repeat("system/Observation.rs", 200)) },
        { "more than 100 scopes", Form, "grant_type=client_credentials&client_id=x&scope=" + string.Join('+', Enumerable.Range(0, 101).Select(i => "s" + i)) },
        { "body larger than 64 KiB", Form, "grant_type=client_credentials&" + string.Join('&', Enumerable.Range(0, 10).Select(i => $"f{i}=" + new string('a', 7000))) },
        { "multipart without a boundary", "multipart/form-data", "grant_type=client_credentials" },
        { "multipart with a boundary", "multipart/form-data; boundary=XyZ", "--XyZ\r\nContent-Disposition: form-data; name=\"grant_type\"\r\n\r\nclient_credentials\r\n--XyZ--\r\n" },
        { "truncated multipart", "multipart/form-data; boundary=XyZ", "--XyZ\r\nContent-Disposition: form-data; name=\"grant_" },
        { "charset UTF-16", Form + "; charset=utf-16", "grant_type=client_credentials" },
        { "unknown charset", Form + "; charset=klingon", "grant_type=client_credentials" },
        { "JSON body", "application/json", """{"grant_type":"client_credentials"}""" },
        { "no content type", string.Empty, "grant_type=client_credentials" },
        { "malformed content type", "application/x-www-form-urlencoded; ;;=", "grant_type=client_credentials" },
    };

    [Theory]
    [MemberData(nameof(UnreadableForms))]
    public async Task Token_UnreadableForm_IsInvalidRequest400(string because, string contentType, string body)
    {
        using var response = await PostAsync("/fhir/auth/token", contentType, body);
        await AssertJsonErrorAsync(response, because);
    }

    [Theory]
    [MemberData(nameof(UnreadableForms))]
    public async Task Introspection_UnreadableForm_IsInvalidRequest400(string because, string contentType, string body)
    {
        using var response = await PostAsync("/fhir/auth/introspect", contentType, body);
        await AssertJsonErrorAsync(response, because);
    }

    [Theory]
    [MemberData(nameof(UnreadableForms))]
    public async Task Revocation_UnreadableForm_IsInvalidRequest400(string because, string contentType, string body)
    {
        using var response = await PostAsync("/fhir/auth/revoke", contentType, body);
        await AssertJsonErrorAsync(response, because);
    }

    [Theory]
    [MemberData(nameof(UnreadableForms))]
    public async Task AuthorizePost_UnreadableForm_IsErrorPage(string because, string contentType, string body)
    {
        using var response = await PostAsync("/fhir/auth/authorize", contentType, body);
        await AssertErrorPageAsync(response, because);
    }

    [Theory] // AUTHZ-4: without a readable, valid client_id + redirect_uri pair, the error is shown, never redirected.
    [InlineData("client_id=growth%00chart")]
    [InlineData("client_id=growth-chart%0D%0Aevil")]
    [InlineData("response_type=code&client_id=growth-chart&state=a%00b")]
    public async Task AuthorizeGet_ControlCharacter_IsErrorPage(string query)
    {
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var response = await client.GetAsync(new Uri("/fhir/auth/authorize?" + query + "&redirect_uri=" + Uri.EscapeDataString(SmartFlowClient.GrowthChartRedirect), UriKind.Relative));
        await AssertErrorPageAsync(response, query);
    }

    [Theory] // AUTHZ-5: the client and redirect URI are valid, so the limit error goes back to the app with its state.
    [InlineData("scope too long")]
    [InlineData("too many scopes")]
    [InlineData("NUL in nonce")]
    public async Task AuthorizeGet_ValueBeyondLimit_WithValidClient_RedirectsInvalidRequest(string kind)
    {
        using var flow = new SmartFlowClient(factory);
        var parameters = flow.AuthorizeParameters("launch/patient patient/Observation.rs");
        switch (kind)
        {
            case "scope too long":
                parameters["scope"] = string.Join(' ', Enumerable.Repeat("patient/Observation.rs", 200));
                break;
            case "too many scopes":
                parameters["scope"] = string.Join(' ', Enumerable.Range(0, 101).Select(i => "s" + i));
                break;
            default:
                parameters["nonce"] = "a\0b";
                break;
        }

        using var response = await flow.AuthorizeAsync(parameters);

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var location = response.Headers.Location!;
        location.GetLeftPart(UriPartial.Path).Should().Be(SmartFlowClient.GrowthChartRedirect);
        var query = QueryHelpers.ParseQuery(location.Query);
        query["error"].ToString().Should().Be("invalid_request");
        query["state"].ToString().Should().Be(parameters["state"]);
    }

    [Fact] // The limits are far below the framework's, yet a full, real request fits comfortably.
    public async Task Limits_RealisticRequest_IsRead()
    {
        using var flow = new SmartFlowClient(factory);
        await flow.LoginAsync("patient", "patient");
        var code = await flow.AuthorizeCodeAsync("launch/patient openid fhirUser patient/Patient.rs patient/Observation.rs offline_access");
        var token = await flow.ExchangeCodeAsync(code);
        token.Status.Should().Be(HttpStatusCode.OK);
    }

    private async Task<HttpResponseMessage> PostAsync(string path, string contentType, string body)
    {
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative));
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        content.Headers.Remove("Content-Type");
        if (contentType.Length > 0)
        {
            content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }

        request.Content = content;
        return await client.SendAsync(request);
    }

    private static async Task AssertJsonErrorAsync(HttpResponseMessage response, string because)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest, because + ": " + body);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/json", because);
        response.Headers.CacheControl!.NoStore.Should().BeTrue(because);
        JsonDocument.Parse(body).RootElement.GetProperty("error").GetString().Should().Be("invalid_request", because);
    }

    private static async Task AssertErrorPageAsync(HttpResponseMessage response, string because)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest, because + ": " + body);
        response.Headers.Location.Should().BeNull(because);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/html", because);
        body.Should().Contain("<code>invalid_request</code>", because);
    }
}
