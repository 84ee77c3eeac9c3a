using System.Security.Claims;
using System.Text.Json;
using Smart.AspNetCore.Grants;
using Smart.AspNetCore.Scopes;

namespace Smart.AspNetCore.ResourceServer;

/// <summary>
/// The access a validated SMART access token grants on this request: its scopes (parsed once), launch context and
/// identity, and helpers the host's FHIR code uses to shape queries. Obtain it with
/// <c>HttpContext.GetSmartAccessContext()</c>; it is computed once per request and cached.
/// </summary>
/// <remarks>
/// Scopes combine as a union (SCOPE-5). <c>patient/</c> scopes count only when the token carries a <c>patient</c>
/// claim and then confine access to that patient's compartment (RS-6); for resource types outside the Patient
/// compartment (Practitioner, Organization, Location, Medication, ...) a <c>patient/</c> scope grants read and search
/// only (RS-11). Granular scopes (<c>?category=...</c>) constrain to matching resources (SCOPE-8, RS-8).
/// </remarks>
public sealed class SmartAccessContext
{
    internal SmartAccessContext(string? clientId, string? subject, SmartScopeSet scopes, string? patient, string? encounter, string? fhirUser, string fhirBase, bool breakGlass = false)
    {
        IsBreakGlass = breakGlass;
        ClientId = clientId;
        Subject = subject;
        Scopes = scopes;
        Patient = patient;
        Encounter = encounter;
        FhirUser = fhirUser;
        FhirBase = fhirBase;
        foreach (var scope in scopes.Scopes)
        {
            if (scope.Kind == SmartScopeKind.Resource && scope.Context is SmartScopeContext.User or SmartScopeContext.System
                && scope.IsWildcard && !scope.IsConstrained
                && (scope.Permissions & (SmartPermissions.Read | SmartPermissions.Search)) == (SmartPermissions.Read | SmartPermissions.Search))
            {
                ReadsEverything = true;
            }
        }
    }

    /// <summary>Gets the <c>client_id</c> claim: the app the token was issued to.</summary>
    public string? ClientId { get; }

    /// <summary>Gets the <c>sub</c> claim: the user (or, for backend services, the client) the token acts for.</summary>
    public string? Subject { get; }

    /// <summary>Gets the granted scopes (the <c>scope</c> claim).</summary>
    public SmartScopeSet Scopes { get; }

    /// <summary>Gets the id of the patient in context (<c>patient</c> claim), or <see langword="null"/>.</summary>
    public string? Patient { get; }

    /// <summary>Gets the id of the encounter in context (<c>encounter</c> claim), or <see langword="null"/>.</summary>
    public string? Encounter { get; }

    /// <summary>Gets the <c>fhirUser</c> claim (for example <c>Practitioner/123</c>), or <see langword="null"/>.</summary>
    public string? FhirUser { get; }

    internal string FhirBase { get; }

    /// <summary>
    /// Gets a value indicating whether the token's grant was elevated by breaking the glass (<c>break_glass</c> claim):
    /// it may then receive resources of its patient that carry a restricted security label.
    /// </summary>
    public bool IsBreakGlass { get; }

    /// <summary>The restricted security labels in force (<see cref="SmartResourceServerOptions.RestrictedSecurityLabels"/>).</summary>
    internal IReadOnlyCollection<string> RestrictedLabels { get; set; } = SmartSecurityLabels.Defaults;

    /// <summary>Gets a value indicating whether an unconstrained <c>user/*</c> or <c>system/*</c> scope permits read and search of every type.</summary>
    internal bool ReadsEverything { get; }

    /// <summary>Determines whether the token may read (read, vread, instance history) some resources of <paramref name="resourceType"/>.</summary>
    /// <param name="resourceType">The FHIR resource type.</param>
    /// <returns><see langword="true"/> when a granted scope permits reading the type, possibly constrained.</returns>
    public bool CanRead(string resourceType) => CanAccess(resourceType, SmartPermissions.Read);

    /// <summary>Determines whether the token may search some resources of <paramref name="resourceType"/>.</summary>
    /// <param name="resourceType">The FHIR resource type.</param>
    /// <returns><see langword="true"/> when a granted scope permits searching the type, possibly constrained.</returns>
    public bool CanSearch(string resourceType) => CanAccess(resourceType, SmartPermissions.Search);

    /// <summary>Determines whether a granted scope permits <paramref name="permission"/> on some resources of <paramref name="resourceType"/>.</summary>
    /// <param name="resourceType">The FHIR resource type.</param>
    /// <param name="permission">One permission flag (or several, all needed from one scope).</param>
    /// <returns><see langword="true"/> when permitted, possibly constrained to a compartment or a granular query.</returns>
    public bool CanAccess(string resourceType, SmartPermissions permission)
    {
        ArgumentNullException.ThrowIfNull(resourceType);
        return GetRules(resourceType, permission).Count > 0;
    }

    /// <summary>
    /// Gets the constraints a search for <paramref name="resourceType"/> must apply (RS-6, RS-8).
    /// </summary>
    /// <param name="resourceType">The FHIR resource type.</param>
    /// <returns>The constraints; <see cref="SmartSearchConstraints.IsPermitted"/> is <see langword="false"/> when the token may not search the type.</returns>
    public SmartSearchConstraints GetSearchConstraints(string resourceType)
    {
        ArgumentNullException.ThrowIfNull(resourceType);
        var rules = GetRules(resourceType, SmartPermissions.Search);
        if (rules.Exists(r => r.IsUnrestricted))
        {
            return new SmartSearchConstraints(resourceType, true, []);
        }

        var compartment = string.Equals(resourceType, "Patient", StringComparison.Ordinal) ? ["_id"] : PatientCompartment.GetParameters(resourceType);
        var alternatives = rules.ConvertAll(r => new SmartSearchAlternative(
            r.PatientCompartment ? Patient : null,
            r.PatientCompartment ? compartment : [],
            r.Filter ?? []));
        return new SmartSearchConstraints(resourceType, false, alternatives);
    }

    /// <summary>
    /// Determines whether the token may perform <paramref name="permission"/> on this resource instance (its patient
    /// compartment and granular scopes checked). Hosts call it on the <b>stored</b> resource before an update, patch or
    /// delete when <see cref="SmartResourceServerOptions.AllowUnverifiableWrites"/> is enabled, and may use it to filter
    /// search results. For read, search, update and delete it also applies the security-label rule
    /// (<see cref="SmartResourceServerOptions.RestrictedSecurityLabels"/>, break-glass).
    /// </summary>
    /// <param name="resource">The FHIR JSON resource (must have <c>resourceType</c>).</param>
    /// <param name="permission">The permission needed.</param>
    /// <returns><see langword="true"/> when a granted scope covers the instance.</returns>
    public bool IsPermitted(JsonElement resource, SmartPermissions permission)
    {
        if (resource.ValueKind != JsonValueKind.Object
            || !resource.TryGetProperty("resourceType", out var typeElement)
            || typeElement.ValueKind != JsonValueKind.String
            || typeElement.GetString() is not { } type
            || !FhirResourceTypes.IsKnown(type))
        {
            return false;
        }

        return Matches(type, resource, permission)
            && ((permission & (SmartPermissions.Read | SmartPermissions.Search | SmartPermissions.Update | SmartPermissions.Delete)) == 0
                || !SmartSecurityLabels.IsWithheld(this, type, resource));
    }

    internal bool Matches(string resourceType, JsonElement resource, SmartPermissions permission)
    {
        foreach (var rule in GetRules(resourceType, permission))
        {
            if (rule.Matches(resourceType, resource, Patient, FhirBase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The rules through which the token reaches <paramref name="resourceType"/> with <paramref name="permission"/>.</summary>
    internal List<SmartAccessRule> GetRules(string resourceType, SmartPermissions permission)
    {
        var rules = new List<SmartAccessRule>();
        foreach (var scope in Scopes.Scopes)
        {
            if (!AppliesTo(scope, resourceType, permission, out var patientCompartment))
            {
                continue;
            }

            rules.Add(new SmartAccessRule(patientCompartment, scope.IsConstrained ? scope.Parameters : null));
        }

        return rules;
    }

    /// <summary>
    /// Determines whether <paramref name="scope"/> grants <paramref name="permission"/> on <paramref name="resourceType"/>
    /// (<c>*</c> asks for a wildcard scope), and whether that grant is confined to the patient compartment.
    /// </summary>
    internal bool AppliesTo(in SmartScope scope, string resourceType, SmartPermissions permission, out bool patientCompartment)
    {
        patientCompartment = false;
        if (scope.Kind != SmartScopeKind.Resource
            || (scope.Permissions & permission) != permission
            || permission == SmartPermissions.None
            || !(scope.IsWildcard || string.Equals(scope.ResourceType, resourceType, StringComparison.Ordinal)))
        {
            return false;
        }

        switch (scope.Context)
        {
            case SmartScopeContext.User:
            case SmartScopeContext.System:
                return true;
            case SmartScopeContext.Patient when Patient is null:
                // A patient/ scope without a patient in context grants nothing (microsoft/fhir-server PR #5688).
                return false;
            case SmartScopeContext.Patient:
                if (string.Equals(resourceType, "*", StringComparison.Ordinal)
                    || string.Equals(resourceType, "Patient", StringComparison.Ordinal)
                    || PatientCompartment.Contains(resourceType))
                {
                    patientCompartment = true;
                    return true;
                }

                // RS-11: types outside the compartment (Practitioner, Medication, ...) are readable, never writable.
                return (permission & ~(SmartPermissions.Read | SmartPermissions.Search)) == 0;
            default:
                return false;
        }
    }

    internal static SmartAccessContext FromIdentity(ClaimsIdentity identity, string fhirBase) => new(
        identity.FindFirst("client_id")?.Value,
        identity.FindFirst("sub")?.Value,
        SmartScopeSet.Parse(identity.FindFirst("scope")?.Value),
        identity.FindFirst("patient")?.Value,
        identity.FindFirst("encounter")?.Value,
        identity.FindFirst("fhirUser")?.Value,
        fhirBase,
        string.Equals(identity.FindFirst(SmartBreakGlass.Claim)?.Value, "true", StringComparison.OrdinalIgnoreCase));
}
