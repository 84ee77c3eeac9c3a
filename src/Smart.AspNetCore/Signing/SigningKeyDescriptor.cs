namespace Smart.AspNetCore.Signing;

/// <summary>What the key ring rules need to know about one key.</summary>
/// <param name="KeyId">The key id, or <see langword="null"/> when unknown (the key could not be loaded).</param>
/// <param name="Algorithm">The algorithm, or <see langword="null"/> when unsupported.</param>
/// <param name="Retired">Whether the key is retired.</param>
internal readonly record struct SigningKeyDescriptor(string? KeyId, string? Algorithm, bool Retired);
