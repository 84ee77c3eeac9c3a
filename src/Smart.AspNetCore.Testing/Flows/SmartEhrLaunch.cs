namespace Smart.AspNetCore.Testing.Flows;

/// <summary>What the EHR handed the app at an EHR launch: <c>iss</c> and the opaque <c>launch</c>.</summary>
/// <param name="Iss">The FHIR base URL (<c>iss</c>).</param>
/// <param name="Launch">The launch handle (<c>launch</c>).</param>
/// <param name="LaunchUrl">The app's launch URL the EHR redirected to.</param>
public sealed record SmartEhrLaunch(Uri Iss, string Launch, Uri LaunchUrl);
