namespace Smart.AspNetCore;

/// <summary>
/// Clickjacking protection for the pages that grant access (RFC 6749 §10.13, SEC-7): they may be framed only by the
/// EHR's own origin and <see cref="AllowedAncestors"/>. Protected pages answer
/// <c>Content-Security-Policy: frame-ancestors 'self' [origins]</c>, plus <c>X-Frame-Options: SAMEORIGIN</c> for old
/// browsers when no other origin is allowed.
/// </summary>
public sealed class SmartFramingOptions
{
    /// <summary>
    /// Origins (<c>https://host[:port]</c>) besides the EHR's own that may frame the protected pages, for example an EHR
    /// shell served from another origin. Empty by default: only the EHR's own pages (its embedded launch) may frame them.
    /// </summary>
    public IList<string> AllowedAncestors { get; } = new List<string>();

    /// <summary>
    /// When <see langword="true"/> (the default), the host's consent and patient-picker pages
    /// (<see cref="SmartInteractionOptions.ConsentPath"/>, <see cref="SmartInteractionOptions.PatientPickerPath"/>) are
    /// protected by path, even without <see cref="Framing.SmartFrameAncestorsAttribute"/> or
    /// <c>RequireSmartFrameAncestors()</c>. Turning it off is not recommended.
    /// </summary>
    public bool ProtectInteractionPages { get; set; } = true;
}
