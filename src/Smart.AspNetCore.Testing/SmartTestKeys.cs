using System.Security.Cryptography;

namespace Smart.AspNetCore.Testing;

/// <summary>
/// The signing key of the test host: one RSA 2048 key made in memory for the test run (never written to disk), which
/// replaces every key the host configured (<see cref="SmartTestingServiceCollectionExtensions.AddSmartTestKeys"/>).
/// </summary>
public static class SmartTestKeys
{
    /// <summary>The <c>kid</c> of the test key.</summary>
    public const string KeyId = "smart-test-rs256";

    private static readonly Lazy<string> s_pem = new(CreatePem, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The private key as PKCS#8 PEM (for a host that reads its keys from configuration in tests).</summary>
    public static string PrivateKeyPem => s_pem.Value;

    private static string CreatePem()
    {
        using var rsa = RSA.Create(2048);
        return rsa.ExportPkcs8PrivateKeyPem();
    }
}
