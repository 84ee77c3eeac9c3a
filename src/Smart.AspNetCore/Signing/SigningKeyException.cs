namespace Smart.AspNetCore.Signing;

/// <summary>
/// A signing key, or the set of signing keys, is misconfigured. The message names every problem and its fix and never
/// contains key material.
/// </summary>
internal sealed class SigningKeyException : InvalidOperationException
{
    public SigningKeyException()
        : this("The signing key configuration is invalid.")
    {
    }

    public SigningKeyException(string message)
        : this(message, innerException: null)
    {
    }

    public SigningKeyException(string message, Exception? innerException)
        : base(message, innerException)
    {
        Problems = [new SigningKeyProblem(null, null, message)];
    }

    public SigningKeyException(IReadOnlyList<SigningKeyProblem> problems, Exception? innerException = null)
        : base(Format(problems), innerException)
    {
        Problems = problems;
    }

    /// <summary>Every problem found; at least one.</summary>
    public IReadOnlyList<SigningKeyProblem> Problems { get; }

    internal static SigningKeyException For(string? optionName, string message, Exception? innerException = null) =>
        new([new SigningKeyProblem(null, optionName, message)], innerException);

    private static string Format(IReadOnlyList<SigningKeyProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        if (problems.Count == 1)
        {
            return problems[0].ToString();
        }

        return "The signing key configuration is invalid:" + Environment.NewLine
            + string.Join(Environment.NewLine, problems.Select(p => "- " + p));
    }
}
