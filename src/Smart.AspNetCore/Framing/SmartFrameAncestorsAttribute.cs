namespace Smart.AspNetCore.Framing;

/// <summary>
/// Marks a page or endpoint (a Razor Page model, an MVC controller or action, or endpoint metadata) so that it may be
/// framed only by the EHR's own origin and <see cref="SmartFramingOptions.AllowedAncestors"/> (SEC-7). Use it on every
/// page that grants access: login, consent, patient picker. For endpoints, <c>RequireSmartFrameAncestors()</c> does the same.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = false, Inherited = true)]
public sealed class SmartFrameAncestorsAttribute : Attribute
{
}
