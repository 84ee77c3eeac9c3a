using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Primitives;
using Smart.AspNetCore.Requests;

namespace Smart.AspNetCore.Protocol;

/// <summary>
/// What <see cref="OAuthRequestReader"/> read: the parameters, or the <c>invalid_request</c> error that stopped it.
/// When only a value broke a limit, <see cref="Parameters"/> still holds everything read and
/// <see cref="FailedParameter"/> names the parameter at fault, so the authorization endpoint can decide whether a
/// redirect to the client is safe.
/// </summary>
internal sealed class OAuthRequestReadResult
{
    private static readonly KeyValuePair<string, StringValues>[] s_none = [];

    private OAuthRequestReadResult(IReadOnlyList<KeyValuePair<string, StringValues>> parameters, OAuthError? error, string? failedParameter)
    {
        Parameters = parameters;
        Error = error;
        FailedParameter = failedParameter;
    }

    /// <summary>The parameters in request order (repeats kept as multi-valued entries); empty when nothing could be read.</summary>
    public IReadOnlyList<KeyValuePair<string, StringValues>> Parameters { get; }

    /// <summary>The error, or <see langword="null"/> when the request was read within every limit.</summary>
    public OAuthError? Error { get; }

    /// <summary>The name of the one parameter whose value broke a limit, when the rest of the request was read.</summary>
    public string? FailedParameter { get; }

    [MemberNotNullWhen(false, nameof(Error))]
    public bool Succeeded => Error is null;

    public static OAuthRequestReadResult Success(IReadOnlyList<KeyValuePair<string, StringValues>> parameters) => new(parameters, null, null);

    public static OAuthRequestReadResult Fail(OAuthError error) => new(s_none, error, null);

    public static OAuthRequestReadResult FailValue(IReadOnlyList<KeyValuePair<string, StringValues>> parameters, string parameter, OAuthError error) =>
        new(parameters, error, parameter);
}
