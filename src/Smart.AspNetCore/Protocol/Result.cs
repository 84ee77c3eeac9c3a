using System.Diagnostics.CodeAnalysis;

namespace Smart.AspNetCore.Protocol;

/// <summary>Either a validated value or an <see cref="OAuthError"/>: validators return this instead of throwing.</summary>
internal readonly struct Result<T>
    where T : class
{
    private Result(T? value, OAuthError? error)
    {
        Value = value;
        Error = error;
    }

    public T? Value { get; }

    public OAuthError? Error { get; }

    [MemberNotNullWhen(true, nameof(Value))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool Succeeded => Error is null;

    public static implicit operator Result<T>(T value) => new(value, null);

    public static implicit operator Result<T>(OAuthError error) => new(null, error);
}
