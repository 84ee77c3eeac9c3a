using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.WebUtilities;
using Smart.AspNetCore.IntegrationTests.Infrastructure;

namespace Smart.AspNetCore.IntegrationTests.Flows;

/// <summary>
/// The authorization response: <c>iss</c> on every success and error response (RFC 9207 §2, the mix-up defence of
/// RFC 9700 §4.4), <c>response_mode=query</c> (the default) and <c>form_post</c> (OAuth 2.0 Form Post Response Mode, the
/// ASP.NET Core OpenID Connect handler's default), anything else refused with <c>invalid_request</c> in query mode.
/// </summary>
[Collection(SampleEhrCollection.Name)]
public partial class AuthorizationResponseTests(SampleEhrFactory factory)
{
    private const string Scope = "launch/patient openid fhirUser patient/Patient.rs patient/Observation.rs";

    /// <summary>Follows the EHR's pages (login already done, consent allowed) up to the response that goes to the app.</summary>
    private static async Task<HttpResponseMessage> FollowToResponseAsync(SmartFlowClient flow, HttpResponseMessage response)
    {
        for (var hops = 0; hops < 20; hops++)
        {
            if (response.StatusCode is not (HttpStatusCode.Redirect or HttpStatusCode.SeeOther or HttpStatusCode.Found))
            {
                return response;
            }

            var location = response.Headers.Location!;
            if (location.IsAbsoluteUri && location.AbsoluteUri.StartsWith(SampleEhrFactory.Origin + "/apps/", StringComparison.Ordinal))
            {
                return response;
            }

            var local = location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString;
            response.Dispose();
            response = local.StartsWith("/smart/consent", StringComparison.Ordinal) ? await flow.SubmitConsentAsync(local, "allow", null)
                : local.StartsWith("/smart/patient-picker", StringComparison.Ordinal) ? await flow.SubmitPatientAsync(local, "peds-001")
                : await flow.Browser.GetAsync(new Uri(local, UriKind.Relative));
        }

        throw new InvalidOperationException("Too many redirects.");
    }

    private static Dictionary<string, string> Query(HttpResponseMessage response)
    {
        response.StatusCode.Should().Be(HttpStatusCode.Found);
        return QueryHelpers.ParseQuery(response.Headers.Location!.Query).ToDictionary(p => p.Key, p => p.Value.ToString());
    }

    /// <summary>Checks a form_post page (status, headers, CSP nonce) and returns the form's action and fields.</summary>
    private static async Task<(string Action, Dictionary<string, string> Fields)> FormPostAsync(HttpResponseMessage response)
    {
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/html");
        response.Headers.CacheControl!.NoStore.Should().BeTrue();
        response.Headers.GetValues("Referrer-Policy").Should().Equal("no-referrer");
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        var html = await response.Content.ReadAsStringAsync();

        var nonce = NonceRegex().Match(csp);
        nonce.Success.Should().BeTrue(csp);
        csp.Should().Contain("default-src 'none'").And.Contain("form-action " + SampleEhrFactory.Origin);
        html.Should().Contain($"<script nonce=\"{nonce.Groups[1].Value}\">document.forms[0].submit();</script>");
        ScriptRegex().Count(html).Should().Be(1, "the submit is the page's only script");

        var form = html[html.IndexOf("<form", StringComparison.Ordinal)..html.IndexOf("</form>", StringComparison.Ordinal)];
        HtmlForm.Attribute(form, "method").Should().Be("post");
        return (HtmlForm.Attribute(form, "action")!, HtmlForm.HiddenInputs(form).ToDictionary(p => p.Key, p => p.Value));
    }

    [Fact] // AUTHZ-6, RFC 9207 §2: a query response carries code, state and iss = the issuer.
    public async Task Authorize_Success_RedirectCarriesIss()
    {
        using var flow = new SmartFlowClient(factory);
        await flow.LoginAsync();
        var parameters = flow.AuthorizeParameters(Scope);

        using var response = await FollowToResponseAsync(flow, await flow.AuthorizeAsync(parameters));

        var query = Query(response);
        query.Keys.Should().BeEquivalentTo("code", "state", "iss");
        query["iss"].Should().Be(SampleEhrFactory.FhirBase);
        query["state"].Should().Be(parameters["state"]);
    }

    [Fact] // AUTHZ-5, RFC 9207 §2: an error redirect carries iss too.
    public async Task Authorize_Error_RedirectCarriesIss()
    {
        using var flow = new SmartFlowClient(factory);
        await flow.LoginAsync();
        var parameters = flow.AuthorizeParameters(Scope);
        parameters["aud"] = "https://other.example.org/fhir";

        using var response = await flow.AuthorizeAsync(parameters);

        var query = Query(response);
        query["error"].Should().Be("invalid_request");
        query["state"].Should().Be(parameters["state"]);
        query["iss"].Should().Be(SampleEhrFactory.FhirBase);
    }

    [Fact] // response_mode=query is the default, named explicitly.
    public async Task Authorize_ResponseModeQuery_Redirects()
    {
        using var flow = new SmartFlowClient(factory);
        await flow.LoginAsync();
        var parameters = flow.AuthorizeParameters(Scope);
        parameters["response_mode"] = "query";

        using var response = await FollowToResponseAsync(flow, await flow.AuthorizeAsync(parameters));

        var query = Query(response);
        query.Should().ContainKey("code");
        query["iss"].Should().Be(SampleEhrFactory.FhirBase);
    }

    [Fact] // Form Post Response Mode §2: the code comes in an auto-submitting form, and redeems for a token.
    public async Task Authorize_FormPost_PostsCodeStateAndIssAndCodeRedeems()
    {
        using var flow = new SmartFlowClient(factory);
        await flow.LoginAsync();
        var parameters = flow.AuthorizeParameters(Scope);
        parameters["response_mode"] = "form_post";

        using var response = await FollowToResponseAsync(flow, await flow.AuthorizeAsync(parameters));
        var (action, fields) = await FormPostAsync(response);

        action.Should().Be(SmartFlowClient.GrowthChartRedirect);
        fields.Keys.Should().BeEquivalentTo("code", "state", "iss");
        fields["state"].Should().Be(parameters["state"]);
        fields["iss"].Should().Be(SampleEhrFactory.FhirBase);
        var token = await flow.ExchangeCodeAsync(fields["code"]);
        token.Status.Should().Be(HttpStatusCode.OK);
        token["access_token"].Should().NotBeNullOrEmpty();
    }

    [Fact] // Form Post Response Mode §2: the request may itself be a POST (AUTHZ-1), the answer is still a form.
    public async Task AuthorizePost_FormPost_PostsCode()
    {
        using var flow = new SmartFlowClient(factory);
        await flow.LoginAsync();
        var parameters = flow.AuthorizeParameters(Scope);
        parameters["response_mode"] = "form_post";

        using var response = await FollowToResponseAsync(flow, await flow.AuthorizePostAsync(parameters));
        var (_, fields) = await FormPostAsync(response);

        fields.Should().ContainKey("code");
    }

    [Fact] // AUTHZ-5 with form_post: the error is posted, with state and iss, and nothing is redirected.
    public async Task Authorize_FormPostError_PostsErrorStateAndIss()
    {
        using var flow = new SmartFlowClient(factory);
        await flow.LoginAsync();
        var parameters = flow.AuthorizeParameters(Scope);
        parameters["response_mode"] = "form_post";
        parameters["code_challenge_method"] = "plain";

        using var response = await flow.AuthorizeAsync(parameters);
        var (action, fields) = await FormPostAsync(response);

        response.Headers.Location.Should().BeNull();
        action.Should().Be(SmartFlowClient.GrowthChartRedirect);
        fields["error"].Should().Be("invalid_request");
        fields["state"].Should().Be(parameters["state"]);
        fields["iss"].Should().Be(SampleEhrFactory.FhirBase);
    }

    [Fact] // AUTHZ-5 with form_post: a denial at consent is posted too.
    public async Task Authorize_FormPostDenied_PostsAccessDenied()
    {
        using var flow = new SmartFlowClient(factory);
        await flow.LoginAsync("patient", "patient");
        var parameters = flow.AuthorizeParameters(Scope);
        parameters["response_mode"] = "form_post";

        var response = await flow.AuthorizeAsync(parameters);
        while (response.Headers.Location is { } location && !location.OriginalString.StartsWith("/smart/consent", StringComparison.Ordinal))
        {
            response.Dispose();
            response = await flow.Browser.GetAsync(location.IsAbsoluteUri ? new Uri(location.PathAndQuery, UriKind.Relative) : location);
        }

        var consent = response.Headers.Location!.OriginalString;
        response.Dispose();
        using var denied = await FollowToResponseAsync(flow, await flow.SubmitConsentAsync(consent, "deny", null));
        var (_, fields) = await FormPostAsync(denied);

        fields["error"].Should().Be("access_denied");
        fields["iss"].Should().Be(SampleEhrFactory.FhirBase);
    }

    [Theory] // Multiple Response Types §2.1: other modes are refused with invalid_request, in the default (query) mode.
    [InlineData("fragment")]
    [InlineData("jwt")]
    [InlineData("query.jwt")]
    [InlineData("FORM_POST")]
    public async Task Authorize_UnsupportedResponseMode_IsInvalidRequestInQuery(string mode)
    {
        using var flow = new SmartFlowClient(factory);
        await flow.LoginAsync();
        var parameters = flow.AuthorizeParameters(Scope);
        parameters["response_mode"] = mode;

        using var response = await flow.AuthorizeAsync(parameters);

        var query = Query(response);
        query["error"].Should().Be("invalid_request");
        query["error_description"].Should().Be("response_mode must be query or form_post.");
        query["state"].Should().Be(parameters["state"]);
        query["iss"].Should().Be(SampleEhrFactory.FhirBase);
    }

    [Fact] // An unsupported response_mode with an unregistered redirect_uri still never redirects (AUTHZ-4).
    public async Task Authorize_UnsupportedResponseModeBadRedirect_ShowsErrorPage()
    {
        using var flow = new SmartFlowClient(factory);
        var parameters = flow.AuthorizeParameters(Scope, redirectUri: "https://evil.example/cb");
        parameters["response_mode"] = "form_post";

        using var response = await flow.AuthorizeAsync(parameters);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Headers.Location.Should().BeNull();
        (await response.Content.ReadAsStringAsync()).Should().NotContain("<form");
    }

    [Theory] // RFC 9207 §3, RFC 8414 §2: both discovery documents advertise iss and the response modes.
    [InlineData("/fhir/.well-known/smart-configuration")]
    [InlineData("/fhir/.well-known/openid-configuration")]
    public async Task Discovery_AdvertisesIssAndResponseModes(string path)
    {
        using var client = factory.CreateClient();

        var json = JsonDocument.Parse(await client.GetStringAsync(new Uri(path, UriKind.Relative))).RootElement;

        json.GetProperty("authorization_response_iss_parameter_supported").GetBoolean().Should().BeTrue();
        json.GetProperty("response_modes_supported").EnumerateArray().Select(e => e.GetString()).Should().Equal("query", "form_post");
    }

    [GeneratedRegex("script-src 'nonce-([A-Za-z0-9_-]{22})'")]
    private static partial Regex NonceRegex();

    [GeneratedRegex("<script", RegexOptions.IgnoreCase)]
    private static partial Regex ScriptRegex();
}
