using Microsoft.AspNetCore.WebUtilities;

namespace Smart.AspNetCore.Testing.Flows;

/// <summary>Where the host sent the browser back to the app, and what the driver went through on the way.</summary>
public sealed class SmartAuthorizationResponse
{
    internal SmartAuthorizationResponse(Uri redirect, string sentState, SmartPkce? pkce, bool consentShown, bool patientPickerShown)
    {
        Redirect = redirect;
        var query = QueryHelpers.ParseQuery(redirect.Query);
        string? Get(string name) => query.TryGetValue(name, out var value) ? value.ToString() : null;
        Code = Get("code");
        State = Get("state");
        Error = Get("error");
        ErrorDescription = Get("error_description");
        SentState = sentState;
        Pkce = pkce;
        ConsentShown = consentShown;
        PatientPickerShown = patientPickerShown;
    }

    /// <summary>The redirect to the app's <c>redirect_uri</c>.</summary>
    public Uri Redirect { get; }

    /// <summary>The authorization <c>code</c>, on success.</summary>
    public string? Code { get; }

    /// <summary>The <c>state</c> the host returned.</summary>
    public string? State { get; }

    /// <summary>The <c>state</c> the driver sent.</summary>
    public string SentState { get; }

    /// <summary>The <c>error</c>, on refusal (RFC 6749 §4.1.2.1).</summary>
    public string? Error { get; }

    /// <summary>The <c>error_description</c>, if any.</summary>
    public string? ErrorDescription { get; }

    /// <summary>The PKCE pair sent with this authorization, if any (its verifier goes with the code exchange).</summary>
    public SmartPkce? Pkce { get; }

    /// <summary>Whether the host showed its consent page.</summary>
    public bool ConsentShown { get; }

    /// <summary>Whether the host showed its patient picker.</summary>
    public bool PatientPickerShown { get; }

    /// <summary>Throws <see cref="SmartAssertionException"/> unless the app got a code with its own <c>state</c>.</summary>
    /// <returns>The code.</returns>
    public string EnsureCode()
    {
        if (Code is null)
        {
            throw new SmartAssertionException($"Expected an authorization code, got error \"{Error}\": {ErrorDescription}");
        }

        return State == SentState ? Code : throw new SmartAssertionException($"The host returned state \"{State}\", not the \"{SentState}\" the app sent.");
    }

    /// <summary>Throws <see cref="SmartAssertionException"/> unless the app got <paramref name="error"/> with its own <c>state</c>.</summary>
    /// <param name="error">The expected <c>error</c>, for example <c>access_denied</c>.</param>
    /// <returns>This response.</returns>
    public SmartAuthorizationResponse AssertError(string error) =>
        Error == error && State == SentState && Code is null
            ? this
            : throw new SmartAssertionException($"Expected error \"{error}\" with the app's state, got {(Code is null ? $"error \"{Error}\"" : "a code")} and state \"{State}\".");
}
