using System.Text.Json;

namespace Smart.AspNetCore.Testing.Conformance;

/// <summary>The conformance checks' assertions (no assertion library needed): failures throw <see cref="SmartAssertionException"/>.</summary>
internal static class StoreCheck
{
    public static void Equal<T>(T expected, T actual)
    {
        if (!EqualityComparer<T>.Default.Equals(expected, actual))
        {
            throw new SmartAssertionException($"Expected {expected}, got {actual?.ToString() ?? "null"}.");
        }
    }

    public static void True(bool condition)
    {
        if (!condition)
        {
            throw new SmartAssertionException("Expected true, got false.");
        }
    }

    public static void False(bool condition)
    {
        if (condition)
        {
            throw new SmartAssertionException("Expected false, got true.");
        }
    }

    public static void Null(object? value)
    {
        if (value is not null)
        {
            throw new SmartAssertionException($"Expected nothing, got {value}.");
        }
    }

    public static void NotNull(object? value)
    {
        if (value is null)
        {
            throw new SmartAssertionException("Expected a value, got null.");
        }
    }

    /// <summary>Every public property equal, compared through their JSON form (what a store round trip must keep).</summary>
    public static void Equivalent<T>(T expected, T? actual)
        where T : class
    {
        var want = JsonSerializer.Serialize(expected);
        var got = actual is null ? "null" : JsonSerializer.Serialize(actual);
        if (!string.Equals(want, got, StringComparison.Ordinal))
        {
            throw new SmartAssertionException($"The store did not give back what was stored.{Environment.NewLine}Expected: {want}{Environment.NewLine}Got:      {got}");
        }
    }

    public static void Bytes(byte[] expected, byte[]? actual)
    {
        if (actual is null || !expected.AsSpan().SequenceEqual(actual))
        {
            throw new SmartAssertionException($"Expected bytes [{string.Join(", ", expected)}], got {(actual is null ? "null" : $"[{string.Join(", ", actual)}]")}.");
        }
    }

    public static async Task ThrowsAsync<TException>(Func<Task> action)
        where TException : Exception
    {
        try
        {
            await action().ConfigureAwait(false);
        }
        catch (TException)
        {
            return;
        }

        throw new SmartAssertionException($"Expected {typeof(TException).Name}, nothing was thrown.");
    }
}
