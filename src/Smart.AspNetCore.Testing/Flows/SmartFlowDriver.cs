using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.WebUtilities;

namespace Smart.AspNetCore.Testing.Flows;

/// <summary>
/// Plays a SMART app and its user against the host's real pipeline: the user's browser (cookies, redirects followed
/// one by one, the host's login, consent and patient-picker forms filled as <see cref="SmartFlowOptions"/> describes)
/// and the app's back channel (code exchange, refresh, revocation). Endpoints come from the host's
/// <c>.well-known/smart-configuration</c>, as a real app reads them (DISC-1).
/// </summary>
public sealed class SmartFlowDriver : IDisposable
{
    private readonly bool _ownsClients;
    private Endpoints? _endpoints;

    /// <summary>A driver over clients of the caller's own (for example through a load balancer).</summary>
    /// <param name="browser">The user's browser: keeps cookies, does not follow redirects.</param>
    /// <param name="app">The app's back channel: no cookies.</param>
    /// <param name="options">The app and the host's page conventions.</param>
    public SmartFlowDriver(HttpClient browser, HttpClient app, SmartFlowOptions options)
        : this(browser, app, options, ownsClients: false)
    {
    }

    private SmartFlowDriver(HttpClient browser, HttpClient app, SmartFlowOptions options, bool ownsClients)
    {
        ArgumentNullException.ThrowIfNull(browser);
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(options);
        Browser = browser;
        App = app;
        Options = options;
        _ownsClients = ownsClients;
    }

    /// <summary>The user's browser (cookies kept, redirects not followed).</summary>
    public HttpClient Browser { get; }

    /// <summary>The app's back channel.</summary>
    public HttpClient App { get; }

    /// <summary>The app and the host's page conventions.</summary>
    public SmartFlowOptions Options { get; }

    /// <summary>A driver with a browser and an app client of <paramref name="factory"/>'s test server (disposed with the driver).</summary>
    /// <typeparam name="TEntryPoint">The host's entry point.</typeparam>
    /// <param name="factory">The host under test.</param>
    /// <param name="options">The app and the host's page conventions.</param>
    /// <returns>The driver.</returns>
    [SuppressMessage("Reliability", "CA2000:Dispose objects before losing scope", Justification = "The driver owns and disposes both clients.")]
    public static SmartFlowDriver Create<TEntryPoint>(WebApplicationFactory<TEntryPoint> factory, SmartFlowOptions options)
        where TEntryPoint : class
    {
        ArgumentNullException.ThrowIfNull(factory);
        var browser = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var app = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        return new SmartFlowDriver(browser, app, options, ownsClients: true);
    }

    /// <summary>Signs the user in through the host's login form (<see cref="SmartFlowOptions.LoginPath"/>).</summary>
    /// <param name="username">The user name.</param>
    /// <param name="password">The password.</param>
    /// <returns>A task that completes when the host accepted the login (a redirect).</returns>
    /// <exception cref="SmartAssertionException">The host did not accept it.</exception>
    public async Task LoginAsync(string username, string password)
    {
        ArgumentNullException.ThrowIfNull(username);
        ArgumentNullException.ThrowIfNull(password);
        var (pageUri, html) = await GetPageAsync(new Uri(Options.LoginPath, UriKind.RelativeOrAbsolute)).ConfigureAwait(false);
        var form = HtmlForms.Parse(html).FirstOrDefault(f => f.HasInputOfType("password"))
            ?? throw new SmartAssertionException($"No login form (a form with a password input) at {pageUri}.");
        var values = form.DefaultValues();
        Set(values, Options.UsernameField, username);
        Set(values, Options.PasswordField, password);
        using var response = await PostFormAsync(pageUri, form, values).ConfigureAwait(false);
        if (!IsRedirect(response.StatusCode))
        {
            throw new SmartAssertionException($"The login of '{username}' was not accepted: HTTP {(int)response.StatusCode}.");
        }
    }

    /// <summary>
    /// Starts an EHR launch through the host's own UI route (for example <c>/ehr/launch?client_id=app&amp;patient=p1</c>),
    /// as the signed-in user, and reads <c>iss</c> and <c>launch</c> from the redirect to the app's launch URL.
    /// </summary>
    /// <param name="ehrLaunchPath">The host's route that launches the app.</param>
    /// <returns>The launch.</returns>
    public async Task<SmartEhrLaunch> StartEhrLaunchAsync(string ehrLaunchPath)
    {
        ArgumentNullException.ThrowIfNull(ehrLaunchPath);
        using var response = await Browser.GetAsync(new Uri(ehrLaunchPath, UriKind.RelativeOrAbsolute)).ConfigureAwait(false);
        if (!IsRedirect(response.StatusCode) || response.Headers.Location is null)
        {
            throw new SmartAssertionException($"Expected the EHR launch to redirect to the app, got HTTP {(int)response.StatusCode}.");
        }

        var location = Resolve(response, response.Headers.Location);
        var query = QueryHelpers.ParseQuery(location.Query);
        if (!query.TryGetValue("iss", out var iss) || !query.TryGetValue("launch", out var launch))
        {
            throw new SmartAssertionException($"The launch redirect carries no iss and launch: {location.GetLeftPart(UriPartial.Path)}");
        }

        return new SmartEhrLaunch(new Uri(iss.ToString()), launch.ToString(), location);
    }

    /// <summary>
    /// Runs an authorization request (<c>response_type=code</c>, a fresh <c>state</c>, PKCE <c>S256</c>, <c>aud</c>)
    /// through the host's pages until the browser is sent back to the app's redirect URI.
    /// </summary>
    /// <param name="scope">The requested scopes.</param>
    /// <param name="launch">The <c>launch</c> of an EHR launch; <see langword="null"/> for a standalone launch.</param>
    /// <param name="choices">What the user does on the consent and picker pages (allow, as shown, by default).</param>
    /// <param name="extraParameters">More request parameters (for example <c>prompt</c>, <c>nonce</c>), or overrides.</param>
    /// <returns>Where the host sent the browser back.</returns>
    public async Task<SmartAuthorizationResponse> AuthorizeAsync(
        string scope,
        string? launch = null,
        SmartInteractionChoices? choices = null,
        IReadOnlyDictionary<string, string>? extraParameters = null)
    {
        ArgumentNullException.ThrowIfNull(scope);
        choices ??= SmartInteractionChoices.Allow;
        var endpoints = await DiscoverAsync().ConfigureAwait(false);
        var pkce = Options.UsePkce ? SmartPkce.Create() : null;
        var state = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(16));
        var parameters = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["response_type"] = "code",
            ["client_id"] = Options.ClientId,
            ["redirect_uri"] = Options.RedirectUri.AbsoluteUri,
            ["scope"] = scope,
            ["state"] = state,
            ["aud"] = FhirBase.AbsoluteUri.TrimEnd('/'),
        };
        if (pkce is not null)
        {
            parameters["code_challenge"] = pkce.Challenge;
            parameters["code_challenge_method"] = SmartPkce.Method;
        }

        if (launch is not null)
        {
            parameters["launch"] = launch;
        }

        foreach (var (name, value) in extraParameters ?? new Dictionary<string, string>())
        {
            parameters[name] = value;
        }

        var consentShown = false;
        var pickerShown = false;
        var response = await Browser.GetAsync(new Uri(QueryHelpers.AddQueryString(endpoints.Authorization.AbsoluteUri, parameters))).ConfigureAwait(false);
        try
        {
            for (var step = 0; step < Options.MaxSteps; step++)
            {
                if (IsRedirect(response.StatusCode) && response.Headers.Location is { } location)
                {
                    var target = Resolve(response, location);
                    if (string.Equals(target.GetLeftPart(UriPartial.Path), Options.RedirectUri.GetLeftPart(UriPartial.Path), StringComparison.Ordinal))
                    {
                        return new SmartAuthorizationResponse(target, state, pkce, consentShown, pickerShown);
                    }

                    response.Dispose();
                    response = await Browser.GetAsync(target).ConfigureAwait(false);
                    continue;
                }

                var html = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    throw new SmartAssertionException($"Expected a redirect or a page, got HTTP {(int)response.StatusCode}: {SmartResponseAssertions.Excerpt(html)}");
                }

                var pageUri = response.RequestMessage!.RequestUri!;
                var forms = HtmlForms.Parse(html);
                HttpResponseMessage next;
                if (forms.FirstOrDefault(f => f.HasControl(Options.DecisionField)) is { } consent)
                {
                    consentShown = true;
                    next = await SubmitConsentAsync(pageUri, consent, choices).ConfigureAwait(false);
                }
                else if (forms.FirstOrDefault(f => f.HasControl(Options.PatientField)) is { } picker)
                {
                    pickerShown = true;
                    next = await SubmitPickerAsync(pageUri, picker, choices).ConfigureAwait(false);
                }
                else if (forms.Any(f => f.HasInputOfType("password")))
                {
                    throw new SmartAssertionException($"The host asks the user to sign in ({pageUri.AbsolutePath}); call LoginAsync before the authorization.");
                }
                else
                {
                    throw new SmartAssertionException($"Neither a consent form (a '{Options.DecisionField}' button) nor a patient picker (a '{Options.PatientField}' field) at {pageUri.AbsolutePath}: {SmartResponseAssertions.Excerpt(html)}");
                }

                response.Dispose();
                response = next;
            }
        }
        finally
        {
            response.Dispose();
        }

        throw new SmartAssertionException($"The authorization took more than {Options.MaxSteps} steps.");
    }

    /// <summary>Exchanges the code of <paramref name="authorization"/> with its PKCE verifier (RFC 6749 §4.1.3).</summary>
    /// <param name="authorization">A successful authorization.</param>
    /// <returns>The token endpoint's answer.</returns>
    public Task<SmartTokenResponse> ExchangeCodeAsync(SmartAuthorizationResponse authorization)
    {
        ArgumentNullException.ThrowIfNull(authorization);
        return ExchangeCodeAsync(authorization.EnsureCode(), authorization.Pkce?.Verifier);
    }

    /// <summary>Exchanges <paramref name="code"/> at the token endpoint (RFC 6749 §4.1.3).</summary>
    /// <param name="code">The authorization code.</param>
    /// <param name="codeVerifier">The PKCE verifier, if any.</param>
    /// <returns>The token endpoint's answer.</returns>
    public Task<SmartTokenResponse> ExchangeCodeAsync(string code, string? codeVerifier)
    {
        ArgumentNullException.ThrowIfNull(code);
        var form = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["grant_type"] = "authorization_code",
            ["code"] = code,
            ["redirect_uri"] = Options.RedirectUri.AbsoluteUri,
        };
        if (codeVerifier is not null)
        {
            form["code_verifier"] = codeVerifier;
        }

        return TokenAsync(form);
    }

    /// <summary>Refreshes (RFC 6749 §6), optionally narrowing the scope (REFRESH-4).</summary>
    /// <param name="refreshToken">The refresh token.</param>
    /// <param name="scope">A narrower scope, or <see langword="null"/>.</param>
    /// <returns>The token endpoint's answer.</returns>
    public Task<SmartTokenResponse> RefreshAsync(string refreshToken, string? scope = null)
    {
        ArgumentNullException.ThrowIfNull(refreshToken);
        var form = new Dictionary<string, string>(StringComparer.Ordinal) { ["grant_type"] = "refresh_token", ["refresh_token"] = refreshToken };
        if (scope is not null)
        {
            form["scope"] = scope;
        }

        return TokenAsync(form);
    }

    /// <summary>Revokes a token at the host's revocation endpoint (RFC 7009).</summary>
    /// <param name="token">The access or refresh token.</param>
    /// <param name="tokenTypeHint"><c>access_token</c>, <c>refresh_token</c> or <see langword="null"/>.</param>
    /// <returns>The answer (RFC 7009 §2.2: 200 whether or not the token was valid).</returns>
    public async Task<HttpResponseMessage> RevokeAsync(string token, string? tokenTypeHint = null)
    {
        ArgumentNullException.ThrowIfNull(token);
        var endpoints = await DiscoverAsync().ConfigureAwait(false);
        var revocation = endpoints.Revocation ?? throw new SmartAssertionException("The host's smart-configuration has no revocation_endpoint.");
        var form = new Dictionary<string, string>(StringComparer.Ordinal) { ["token"] = token };
        if (tokenTypeHint is not null)
        {
            form["token_type_hint"] = tokenTypeHint;
        }

        using var request = BackChannelRequest(revocation, form);
        return await App.SendAsync(request).ConfigureAwait(false);
    }

    /// <summary>
    /// A whole EHR launch: the host's launch route, the authorization with that <c>launch</c>, the code exchange.
    /// The user must be signed in (<see cref="LoginAsync"/>).
    /// </summary>
    /// <param name="ehrLaunchPath">The host's route that launches the app.</param>
    /// <param name="scope">The requested scopes (include <c>launch</c>).</param>
    /// <param name="choices">What the user does on the host's pages.</param>
    /// <returns>The successful token response.</returns>
    public async Task<SmartTokenResponse> EhrLaunchAsync(string ehrLaunchPath, string scope, SmartInteractionChoices? choices = null)
    {
        var launch = await StartEhrLaunchAsync(ehrLaunchPath).ConfigureAwait(false);
        var authorization = await AuthorizeAsync(scope, launch.Launch, choices).ConfigureAwait(false);
        return (await ExchangeCodeAsync(authorization).ConfigureAwait(false)).EnsureSuccess();
    }

    /// <summary>A whole standalone launch: the authorization (with the host's picker for <c>launch/patient</c>) and the code exchange.</summary>
    /// <param name="scope">The requested scopes.</param>
    /// <param name="choices">What the user does on the host's pages.</param>
    /// <returns>The successful token response.</returns>
    public async Task<SmartTokenResponse> StandaloneLaunchAsync(string scope, SmartInteractionChoices? choices = null)
    {
        var authorization = await AuthorizeAsync(scope, null, choices).ConfigureAwait(false);
        return (await ExchangeCodeAsync(authorization).ConfigureAwait(false)).EnsureSuccess();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_ownsClients)
        {
            Browser.Dispose();
            App.Dispose();
        }
    }

    private Uri FhirBase => Options.FhirBaseUrl ?? new Uri(Browser.BaseAddress ?? new Uri("http://localhost/"), "/fhir");

    private async Task<HttpResponseMessage> SubmitConsentAsync(Uri pageUri, HtmlForm form, SmartInteractionChoices choices)
    {
        var values = form.DefaultValues();
        if (choices.Scopes is { } scopes)
        {
            values.RemoveAll(v => v.Key == Options.ScopeField);
            values.AddRange(scopes.Select(s => new KeyValuePair<string, string>(Options.ScopeField, s)));
        }

        foreach (var (name, value) in choices.ConsentFields ?? new Dictionary<string, string>())
        {
            Set(values, name, value);
        }

        values.Add(new(Options.DecisionField, choices.Decision == SmartConsentDecision.Allow ? Options.AllowValue : Options.DenyValue));
        return await PostFormAsync(pageUri, form, values).ConfigureAwait(false);
    }

    private async Task<HttpResponseMessage> SubmitPickerAsync(Uri pageUri, HtmlForm form, SmartInteractionChoices choices)
    {
        var values = form.DefaultValues();
        var patient = choices.Patient
            ?? form.Choices(Options.PatientField).FirstOrDefault()
            ?? throw new SmartAssertionException($"The patient picker at {pageUri.AbsolutePath} offers no patient.");
        Set(values, Options.PatientField, patient);
        return await PostFormAsync(pageUri, form, values).ConfigureAwait(false);
    }

    private async Task<HttpResponseMessage> PostFormAsync(Uri pageUri, HtmlForm form, List<KeyValuePair<string, string>> values)
    {
        var action = string.IsNullOrEmpty(form.Action) ? pageUri : new Uri(pageUri, form.Action);
        using var content = new FormUrlEncodedContent(values);
        return await Browser.PostAsync(action, content).ConfigureAwait(false);
    }

    private async Task<(Uri PageUri, string Html)> GetPageAsync(Uri uri)
    {
        using var response = await Browser.GetAsync(uri).ConfigureAwait(false);
        var html = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new SmartAssertionException($"Expected a page at {uri}, got HTTP {(int)response.StatusCode}.");
        }

        return (response.RequestMessage!.RequestUri!, html);
    }

    private async Task<SmartTokenResponse> TokenAsync(Dictionary<string, string> form)
    {
        var endpoints = await DiscoverAsync().ConfigureAwait(false);
        using var request = BackChannelRequest(endpoints.Token, form);
        using var response = await App.SendAsync(request).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
        JsonElement json;
        try
        {
            using var document = JsonDocument.Parse(body);
            json = document.RootElement.Clone();
        }
        catch (JsonException exception)
        {
            throw new SmartAssertionException($"The token endpoint answered HTTP {(int)response.StatusCode} without JSON: {SmartResponseAssertions.Excerpt(body)}", exception);
        }

        return new SmartTokenResponse(response.StatusCode, json, response.Headers);
    }

    private HttpRequestMessage BackChannelRequest(Uri endpoint, Dictionary<string, string> form)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, endpoint);
        if (Options.ClientSecret is { } secret)
        {
            // RFC 6749 §2.3.1: both parts form-encoded before Base64.
            var credentials = Uri.EscapeDataString(Options.ClientId) + ":" + Uri.EscapeDataString(secret);
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials)));
        }
        else
        {
            form["client_id"] = Options.ClientId;
        }

        request.Content = new FormUrlEncodedContent(form);
        return request;
    }

    private async Task<Endpoints> DiscoverAsync()
    {
        if (_endpoints is { } known)
        {
            return known;
        }

        var url = new Uri(FhirBase.AbsoluteUri.TrimEnd('/') + "/.well-known/smart-configuration");
        using var response = await App.GetAsync(url).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new SmartAssertionException($"Expected the host's SMART configuration at {url}, got HTTP {(int)response.StatusCode}.");
        }

        using var document = JsonDocument.Parse(body);
        var root = document.RootElement;
        Uri? Read(string name) => root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? new Uri(value.GetString()!) : null;
        _endpoints = new Endpoints(
            Read("authorization_endpoint") ?? throw new SmartAssertionException("The SMART configuration has no authorization_endpoint."),
            Read("token_endpoint") ?? throw new SmartAssertionException("The SMART configuration has no token_endpoint."),
            Read("revocation_endpoint"));
        return _endpoints;
    }

    private static Uri Resolve(HttpResponseMessage response, Uri location) =>
        location.IsAbsoluteUri ? location : new Uri(response.RequestMessage!.RequestUri!, location);

    private static bool IsRedirect(HttpStatusCode status) =>
        status is HttpStatusCode.Redirect or HttpStatusCode.SeeOther or HttpStatusCode.RedirectKeepVerb or HttpStatusCode.MovedPermanently or HttpStatusCode.PermanentRedirect;

    private static void Set(List<KeyValuePair<string, string>> values, string name, string value)
    {
        values.RemoveAll(v => v.Key == name);
        values.Add(new(name, value));
    }

    private sealed record Endpoints(Uri Authorization, Uri Token, Uri? Revocation);
}
