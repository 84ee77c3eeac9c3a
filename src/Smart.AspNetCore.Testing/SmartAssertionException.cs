namespace Smart.AspNetCore.Testing;

/// <summary>
/// A check of the kit failed. Every test framework reports an unhandled exception as a failure, so the kit's
/// assertions need none in particular.
/// </summary>
public sealed class SmartAssertionException : Exception
{
    /// <summary>A failed check with no message.</summary>
    public SmartAssertionException()
    {
    }

    /// <summary>A failed check.</summary>
    /// <param name="message">What was expected and what was found.</param>
    public SmartAssertionException(string message)
        : base(message)
    {
    }

    /// <summary>A failed check caused by another exception.</summary>
    /// <param name="message">What was expected and what was found.</param>
    /// <param name="innerException">The cause.</param>
    public SmartAssertionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
