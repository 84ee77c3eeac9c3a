using Smart.AspNetCore.Events;
using Smart.AspNetCore.Scopes;
using Smart.Sample.Ehr.Accounts;

namespace Smart.Sample.Ehr.Ehr;

/// <summary>
/// The EHR's SMART policy: SMART scopes only delegate what the user may do (SCOPE-6). A patient may delegate access to
/// their own record (patient/ scopes) but never user/ scopes, which would reach every chart a clinician can see.
/// </summary>
public sealed class EhrSmartEvents : SmartOnFhirEvents
{
    private static readonly SmartScopeSet s_patientUserPolicy = SmartScopeSet.Parse(
        "launch/patient openid fhirUser profile offline_access online_access patient/*.cruds patient/*.*");

    /// <inheritdoc />
    public override Task ValidateAuthorizationRequest(SmartAuthorizationRequestContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!context.User.IsClinician())
        {
            context.AllowedScopesForUser = s_patientUserPolicy;
        }

        return base.ValidateAuthorizationRequest(context);
    }

    /// <summary>Only clinicians may break the glass; a reason posted by anyone else is ignored.</summary>
    /// <param name="context">The break-glass request.</param>
    /// <returns>A task that completes when done.</returns>
    public override Task ValidateBreakGlass(SmartBreakGlassContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.IsAllowed = context.User.IsClinician();
        return base.ValidateBreakGlass(context);
    }
}
