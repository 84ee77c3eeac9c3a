using System.Text;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Smart.AspNetCore.Interaction;
using Smart.AspNetCore.Protocol;

namespace Smart.AspNetCore.Endpoints.DefaultPages;

/// <summary>
/// The default consent page and patient picker (opt-in, <c>AddDefaultInteractionPages()</c>), mapped by
/// <c>MapSmartOnFhir()</c> at the interaction paths. They use only <see cref="ISmartAuthorizationInteraction"/> and
/// <see cref="ISmartPatientDirectory"/>, as a host's own pages would; posts are checked with ASP.NET Core antiforgery.
/// </summary>
internal static class DefaultInteractionPages
{
    private const string RequestIdField = OAuthParameters.RequestId;

    /// <summary>Maps the enabled pages when <c>AddDefaultInteractionPages()</c> was called.</summary>
    public static void MapIfEnabled(IEndpointRouteBuilder endpoints, SmartOnFhirOptions options)
    {
        var services = endpoints.ServiceProvider;
        if (services.GetService<DefaultInteractionPagesMarker>() is null)
        {
            return;
        }

        var pages = services.GetRequiredService<IOptions<SmartDefaultPagesOptions>>().Value;
        if (pages.Consent)
        {
            endpoints.MapMethods(options.Interaction.ConsentPath, [HttpMethods.Get, HttpMethods.Post], ConsentAsync)
                .WithDisplayName("SMART default consent page")
                .DisableAntiforgery() // validated explicitly below, also without the antiforgery middleware
                .ExcludeFromDescription();
        }

        if (pages.PatientPicker)
        {
            endpoints.MapMethods(options.Interaction.PatientPickerPath, [HttpMethods.Get, HttpMethods.Post], PatientPickerAsync)
                .WithDisplayName("SMART default patient picker")
                .DisableAntiforgery()
                .ExcludeFromDescription();
        }
    }

    private static async Task ConsentAsync(HttpContext context)
    {
        if (await BeginAsync(context).ConfigureAwait(false) is not { } request)
        {
            return;
        }

        var (user, requestId, info, options) = request;

        var services = context.RequestServices;
        var strings = options.Strings;

        var interaction = services.GetRequiredService<ISmartAuthorizationInteraction>();
        if (HttpMethods.IsPost(context.Request.Method))
        {
            var form = await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
            var next = string.Equals(form["decision"], "allow", StringComparison.Ordinal)
                ? await interaction.ApproveAsync(user, requestId, form["scope"].Where(s => s is not null).Select(s => s!), context.RequestAborted).ConfigureAwait(false)
                : await interaction.DenyAsync(user, requestId, context.RequestAborted).ConfigureAwait(false);
            await RedirectOrExpiredAsync(context, options, next).ConfigureAwait(false);
            return;
        }

        var tokens = services.GetRequiredService<IAntiforgery>().GetAndStoreTokens(context);
        var appName = info.ClientName ?? info.ClientId;
        await DefaultPageHtml.WriteAsync(context, StatusCodes.Status200OK, options, strings.ConsentTitle, page =>
        {
            page.Append("<h1>").Append(DefaultPageHtml.Encode(DefaultPageHtml.Format(strings.ConsentHeading, appName))).Append("</h1>");
            if (info.Patient is { } patient)
            {
                page.Append("<p>").Append(DefaultPageHtml.Encode(strings.ConsentPatient)).Append(' ').Append(DefaultPageHtml.Encode(patient)).Append("</p>");
            }

            page.Append("<form method=\"post\" data-testid=\"consent-form\">");
            DefaultPageHtml.AppendHidden(page, RequestIdField, info.RequestId);
            DefaultPageHtml.AppendAntiforgery(page, tokens);
            page.Append("<fieldset><legend>").Append(DefaultPageHtml.Encode(strings.ConsentScopesLegend)).Append("</legend>");
            var index = 0;
            foreach (var scope in info.Scopes)
            {
                var id = "scope-" + index++.ToString(System.Globalization.CultureInfo.InvariantCulture);
                if (scope.IsIdentityOrLaunch)
                {
                    DefaultPageHtml.AppendHidden(page, "scope", scope.Value);
                    page.Append("<p id=\"").Append(id).Append("\">").Append(DefaultPageHtml.Encode(scope.Description))
                        .Append(" <span class=\"note\">").Append(DefaultPageHtml.Encode(strings.ConsentAlwaysIncluded)).Append("</span>");
                    AppendNewTag(page, scope, strings);
                    page.Append("</p>");
                    continue;
                }

                page.Append("<label for=\"").Append(id).Append("\"><input type=\"checkbox\" id=\"").Append(id)
                    .Append("\" name=\"scope\" value=\"").Append(DefaultPageHtml.Encode(scope.Value)).Append("\" checked> ")
                    .Append(DefaultPageHtml.Encode(scope.Description)).Append(" <span class=\"note\">(<code>")
                    .Append(DefaultPageHtml.Encode(scope.Value)).Append("</code>)</span>");
                AppendNewTag(page, scope, strings);
                page.Append("</label>");
            }

            page.Append("</fieldset>");
            if (info.GrantsOfflineAccess)
            {
                page.Append("<p><strong>").Append(DefaultPageHtml.Encode(strings.ConsentOfflineAccess)).Append("</strong></p>");
            }

            page.Append("<button type=\"submit\" class=\"primary\" name=\"decision\" value=\"allow\">").Append(DefaultPageHtml.Encode(strings.Allow)).Append("</button>")
                .Append("<button type=\"submit\" class=\"secondary\" name=\"decision\" value=\"deny\">").Append(DefaultPageHtml.Encode(strings.Deny)).Append("</button>")
                .Append("</form>");
        }).ConfigureAwait(false);
    }

    private static async Task PatientPickerAsync(HttpContext context)
    {
        if (await BeginAsync(context).ConfigureAwait(false) is not { } request)
        {
            return;
        }

        var (user, requestId, info, options) = request;

        var services = context.RequestServices;
        var strings = options.Strings;

        var directory = services.GetService<ISmartPatientDirectory>();
        var patients = directory is null ? [] : await directory.GetPatientsAsync(user, context.RequestAborted).ConfigureAwait(false);
        string? error = null;
        if (HttpMethods.IsPost(context.Request.Method))
        {
            var form = await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
            var chosen = form["patient"].ToString();

            // Only a patient the directory offers this user may be picked.
            if (patients.FirstOrDefault(p => string.Equals(p.Id, chosen, StringComparison.Ordinal)) is { } patient)
            {
                var next = await services.GetRequiredService<ISmartAuthorizationInteraction>()
                    .SelectPatientAsync(user, requestId, patient.Id, null, context.RequestAborted).ConfigureAwait(false);
                await RedirectOrExpiredAsync(context, options, next).ConfigureAwait(false);
                return;
            }

            error = strings.PickerChooseOne;
        }

        var tokens = services.GetRequiredService<IAntiforgery>().GetAndStoreTokens(context);
        var status = error is null ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest;
        await DefaultPageHtml.WriteAsync(context, status, options, strings.PickerTitle, page =>
        {
            page.Append("<h1>").Append(DefaultPageHtml.Encode(strings.PickerTitle)).Append("</h1>");
            if (error is not null)
            {
                page.Append("<p class=\"error\" role=\"alert\" id=\"picker-error\">").Append(DefaultPageHtml.Encode(error)).Append("</p>");
            }

            if (patients.Count == 0)
            {
                page.Append("<p>").Append(DefaultPageHtml.Encode(strings.PickerNoPatients)).Append("</p>");
                return;
            }

            page.Append("<form method=\"post\" data-testid=\"patient-picker-form\">");
            DefaultPageHtml.AppendHidden(page, RequestIdField, info.RequestId);
            DefaultPageHtml.AppendAntiforgery(page, tokens);
            page.Append("<fieldset").Append(error is null ? string.Empty : " aria-describedby=\"picker-error\"").Append("><legend>")
                .Append(DefaultPageHtml.Encode(strings.PickerLegend)).Append("</legend>");
            var index = 0;
            foreach (var patient in patients)
            {
                var id = "patient-" + index++.ToString(System.Globalization.CultureInfo.InvariantCulture);
                page.Append("<label for=\"").Append(id).Append("\"><input type=\"radio\" id=\"").Append(id).Append("\" name=\"patient\" value=\"")
                    .Append(DefaultPageHtml.Encode(patient.Id)).Append("\" required> ").Append(DefaultPageHtml.Encode(patient.DisplayName)).Append("</label>");
            }

            page.Append("</fieldset><button type=\"submit\" class=\"primary\">").Append(DefaultPageHtml.Encode(strings.PickerSubmit)).Append("</button></form>");
        }).ConfigureAwait(false);
    }

    /// <summary>
    /// The preamble of both pages: authenticates the user (or challenges the host's scheme), reads the pending request
    /// of <c>request_id</c> and, on a post, checks the antiforgery token. <see langword="null"/> when the response is
    /// already written (the challenge, or the expired page for an unknown request or a bad post).
    /// </summary>
    private static async Task<DefaultPageRequest?> BeginAsync(HttpContext context)
    {
        var services = context.RequestServices;
        var smart = services.GetRequiredService<IOptions<SmartOnFhirOptions>>().Value;
        var authentication = await context.AuthenticateAsync(smart.Interaction.AuthenticationScheme).ConfigureAwait(false);
        if (authentication.Principal is not { Identity.IsAuthenticated: true } user)
        {
            await context.ChallengeAsync(smart.Interaction.AuthenticationScheme, new AuthenticationProperties
            {
                RedirectUri = context.Request.PathBase + context.Request.Path + context.Request.QueryString,
            }).ConfigureAwait(false);
            return null;
        }

        string? requestId = context.Request.Query[RequestIdField];
        var isPost = HttpMethods.IsPost(context.Request.Method);
        if (isPost && context.Request.HasFormContentType)
        {
            var form = await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
            requestId = form[RequestIdField].FirstOrDefault() ?? requestId;
        }

        var info = string.IsNullOrEmpty(requestId)
            ? null
            : await services.GetRequiredService<ISmartAuthorizationInteraction>().GetRequestAsync(user, requestId, context.RequestAborted).ConfigureAwait(false);
        var options = services.GetRequiredService<IOptions<SmartDefaultPagesOptions>>().Value;
        if (info is null || (isPost && !await IsFormValidAsync(context).ConfigureAwait(false)))
        {
            await ExpiredAsync(context, options).ConfigureAwait(false);
            return null;
        }

        return new DefaultPageRequest(user, requestId!, info, options);
    }

    private static async Task<bool> IsFormValidAsync(HttpContext context) =>
        context.Request.HasFormContentType
        && await context.RequestServices.GetRequiredService<IAntiforgery>().IsRequestValidAsync(context).ConfigureAwait(false);

    private static Task RedirectOrExpiredAsync(HttpContext context, SmartDefaultPagesOptions options, string? next)
    {
        if (next is null)
        {
            return ExpiredAsync(context, options);
        }

        NoStoreHeaders.Apply(context.Response);
        context.Response.StatusCode = StatusCodes.Status302Found;
        context.Response.Headers.Location = next;
        return Task.CompletedTask;
    }

    /// <summary>Marks a scope the user has not approved for this app before (remembered consent), in text.</summary>
    private static void AppendNewTag(StringBuilder page, SmartScopeInfo scope, SmartDefaultPagesStrings strings)
    {
        if (scope.IsNew)
        {
            page.Append(" <strong class=\"tag\" data-testid=\"scope-new\">").Append(DefaultPageHtml.Encode(strings.ConsentNewScope)).Append("</strong>");
        }
    }

    private static Task ExpiredAsync(HttpContext context, SmartDefaultPagesOptions options) =>
        DefaultPageHtml.WriteAsync(context, StatusCodes.Status400BadRequest, options, options.Strings.ConsentTitle, page =>
            page.Append("<h1>").Append(DefaultPageHtml.Encode(options.Strings.ConsentTitle)).Append("</h1><p role=\"alert\">")
                .Append(DefaultPageHtml.Encode(options.Strings.RequestExpired)).Append("</p>"));
}

/// <summary>Registered by <c>AddDefaultInteractionPages()</c>; tells <c>MapSmartOnFhir()</c> to map the pages.</summary>
internal sealed class DefaultInteractionPagesMarker;
