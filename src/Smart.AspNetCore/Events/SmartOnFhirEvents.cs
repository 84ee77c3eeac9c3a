namespace Smart.AspNetCore.Events;

/// <summary>
/// Hooks for the moments a host needs, in the style of <c>JwtBearerEvents</c>: assign a delegate, or derive and
/// override the virtual methods. Set an instance on <see cref="SmartOnFhirOptions.Events"/>.
/// </summary>
public class SmartOnFhirEvents
{
    private static readonly Func<SmartAccessDecisionContext, Task> s_noAccessDecision = _ => Task.CompletedTask;

    // Whether this instance's type overrides AccessDecision: 0 not yet known, 1 no, 2 yes (a type cannot change).
    private int _accessDecisionOverridden;

    /// <summary>
    /// Called once per authorization request after the user is authenticated and before scopes are granted: limit what
    /// the user may delegate (<see cref="SmartAuthorizationRequestContext.AllowedScopesForUser"/>, SCOPE-6) or reject
    /// the request.
    /// </summary>
    public Func<SmartAuthorizationRequestContext, Task> OnValidateAuthorizationRequest { get; set; } = _ => Task.CompletedTask;

    /// <summary>Called before tokens are issued: add access-token claims or token response parameters.</summary>
    public Func<SmartTokenIssuingContext, Task> OnIssuingTokens { get; set; } = _ => Task.CompletedTask;

    /// <summary>
    /// Called when a user asks to break the glass on the consent page (through
    /// <c>ISmartAuthorizationInteraction.ApproveWithBreakGlassAsync</c>): set
    /// <see cref="SmartBreakGlassContext.IsAllowed"/> for the users the host allows. Nobody is allowed by default.
    /// </summary>
    public Func<SmartBreakGlassContext, Task> OnValidateBreakGlass { get; set; } = _ => Task.CompletedTask;

    /// <summary>
    /// Called after a grant was elevated by breaking the glass: record it for audit (user, app, patient, reason). The
    /// library itself logs the event without the reason.
    /// </summary>
    public Func<SmartBreakGlassContext, Task> OnBreakGlass { get; set; } = _ => Task.CompletedTask;

    /// <summary>Called after tokens were issued and the response written (observation only; no token is passed).</summary>
    public Func<SmartTokenIssuedContext, Task> OnTokenIssued { get; set; } = _ => Task.CompletedTask;

    /// <summary>Called after the token endpoint refused a request and wrote the error (observation only).</summary>
    public Func<SmartTokenRequestRefusedContext, Task> OnTokenRequestRefused { get; set; } = _ => Task.CompletedTask;

    /// <summary>
    /// Called for every FHIR request the resource server decides from a token's scopes, before the endpoint runs:
    /// observe the decision, or add host policy with <see cref="SmartAccessDecisionContext.Deny"/>.
    /// </summary>
    public Func<SmartAccessDecisionContext, Task> OnAccessDecision { get; set; } = s_noAccessDecision;

    /// <summary>
    /// Whether anything can observe <see cref="AccessDecision"/>: <see cref="OnAccessDecision"/> was assigned, or a
    /// derived type overrides <see cref="AccessDecision"/> (looked up once per instance). When neither, the resource
    /// server does not build the <see cref="SmartAccessDecisionContext"/> of each FHIR request.
    /// </summary>
    internal bool ObservesAccessDecisions
    {
        get
        {
            if (!ReferenceEquals(OnAccessDecision, s_noAccessDecision))
            {
                return true;
            }

            var overridden = Volatile.Read(ref _accessDecisionOverridden);
            if (overridden == 0)
            {
                var method = GetType().GetMethod(nameof(AccessDecision), [typeof(SmartAccessDecisionContext)])!;
                overridden = method.DeclaringType == typeof(SmartOnFhirEvents) ? 1 : 2;
                Volatile.Write(ref _accessDecisionOverridden, overridden);
            }

            return overridden == 2;
        }
    }

    /// <summary>Invokes <see cref="OnTokenIssued"/>.</summary>
    /// <param name="context">The issued-token context.</param>
    /// <returns>A task that completes when the host is done.</returns>
    public virtual Task TokenIssued(SmartTokenIssuedContext context) => OnTokenIssued(context);

    /// <summary>Invokes <see cref="OnTokenRequestRefused"/>.</summary>
    /// <param name="context">The refusal context.</param>
    /// <returns>A task that completes when the host is done.</returns>
    public virtual Task TokenRequestRefused(SmartTokenRequestRefusedContext context) => OnTokenRequestRefused(context);

    /// <summary>Invokes <see cref="OnAccessDecision"/>.</summary>
    /// <param name="context">The access decision.</param>
    /// <returns>A task that completes when the host is done.</returns>
    public virtual Task AccessDecision(SmartAccessDecisionContext context) => OnAccessDecision(context);

    /// <summary>Invokes <see cref="OnValidateBreakGlass"/>.</summary>
    /// <param name="context">The break-glass context.</param>
    /// <returns>A task that completes when the host is done.</returns>
    public virtual Task ValidateBreakGlass(SmartBreakGlassContext context) => OnValidateBreakGlass(context);

    /// <summary>Invokes <see cref="OnBreakGlass"/>.</summary>
    /// <param name="context">The break-glass context.</param>
    /// <returns>A task that completes when the host is done.</returns>
    public virtual Task BreakGlass(SmartBreakGlassContext context) => OnBreakGlass(context);

    /// <summary>Invokes <see cref="OnValidateAuthorizationRequest"/>.</summary>
    /// <param name="context">The request context.</param>
    /// <returns>A task that completes when the host is done.</returns>
    public virtual Task ValidateAuthorizationRequest(SmartAuthorizationRequestContext context) => OnValidateAuthorizationRequest(context);

    /// <summary>Invokes <see cref="OnIssuingTokens"/>.</summary>
    /// <param name="context">The issuing context.</param>
    /// <returns>A task that completes when the host is done.</returns>
    public virtual Task IssuingTokens(SmartTokenIssuingContext context) => OnIssuingTokens(context);
}
