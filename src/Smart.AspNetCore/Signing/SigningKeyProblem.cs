namespace Smart.AspNetCore.Signing;

/// <summary>One problem with the signing key configuration.</summary>
/// <param name="KeyIndex">Index of the key in the configured list, or <see langword="null"/> for a problem of the whole set.</param>
/// <param name="OptionName">Option the problem is about (<c>PemFile</c>, <c>Algorithm</c>, <c>AccessTokenAlgorithm</c>, ...), if any.</param>
/// <param name="Message">What is wrong and how to fix it. Never contains key material.</param>
internal sealed record SigningKeyProblem(int? KeyIndex, string? OptionName, string Message)
{
    /// <summary>The problem as <c>Option: message</c>.</summary>
    public override string ToString() => OptionName is null ? Message : $"{OptionName}: {Message}";
}
