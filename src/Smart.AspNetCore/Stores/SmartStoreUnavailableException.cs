namespace Smart.AspNetCore.Stores;

/// <summary>
/// A store could not answer in time: its backing service (Redis, a database) timed out, refused the connection or
/// lost it. The library's endpoints answer <c>503 Service Unavailable</c> with <c>Retry-After</c> instead of a
/// <c>500</c> (<c>temporarily_unavailable</c> on the token, introspection and revocation endpoints, an error page at
/// the authorization endpoint, an OperationOutcome on the FHIR API). Store implementations throw it for transient
/// infrastructure failures only, never for a missing or spent value.
/// </summary>
public sealed class SmartStoreUnavailableException : Exception
{
    /// <summary>Creates the exception with a default message.</summary>
    public SmartStoreUnavailableException()
        : base("A Smart.AspNetCore store is temporarily unavailable.")
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What failed; never contains a key, token, code or handle.</param>
    public SmartStoreUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What failed; never contains a key, token, code or handle.</param>
    /// <param name="innerException">The failure of the backing service.</param>
    public SmartStoreUnavailableException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
