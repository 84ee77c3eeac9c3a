using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.Tokens;
using Smart.AspNetCore.Health;
using Smart.AspNetCore.Signing;
using Smart.AspNetCore.Tests.Signing;

namespace Smart.AspNetCore.Tests.Health;

/// <summary>The signing-key health check warns before a certificate-based key expires, however the key was loaded.</summary>
public sealed class SmartSigningKeysHealthCheckTests : IDisposable
{
    private static readonly DateTimeOffset NotAfter = new(2027, 6, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData("pfx")]
    [InlineData("pem")]
    public async Task Check_ConfiguredCertificateOneSecondBeforeTheWarning_IsHealthy(string format)
    {
        var ring = RingFromConfiguration(format);

        var result = await CheckAsync(ring, NotAfter - SmartSigningKeysHealthCheck.ExpiryWarning - TimeSpan.FromSeconds(1));

        result.Status.Should().Be(HealthStatus.Healthy);
        ring.Keys.Should().ContainSingle().Which.NotAfter.Should().Be(NotAfter);
    }

    [Theory]
    [InlineData("pfx")]
    [InlineData("pem")]
    public async Task Check_ConfiguredCertificateAtTheWarning_IsDegradedNamingTheKey(string format)
    {
        var ring = RingFromConfiguration(format);

        var result = await CheckAsync(ring, NotAfter - SmartSigningKeysHealthCheck.ExpiryWarning);

        result.Status.Should().Be(HealthStatus.Degraded);
        result.Data["expiring"].Should().Be("configured-cert " + NotAfter.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Check_X509SecurityKeyFromCodeExpired_IsDegraded()
    {
        using var rsa = RSA.Create(2048);
        using var certificate = Certificate(rsa);
        var key = SigningKeyLoader.FromSecurityKey(new X509SecurityKey(certificate), SecurityAlgorithms.RsaSha256, "code-cert", retired: false);
        var ring = new SigningKeyRing([key], SecurityAlgorithms.RsaSha256);

        var result = await CheckAsync(ring, NotAfter + TimeSpan.FromDays(1));

        result.Status.Should().Be(HealthStatus.Degraded);
    }

    [Fact]
    public async Task Check_BarePemKey_HasNoExpiryAndIsHealthy()
    {
        using var rsa = RSA.Create(2048);
        var options = new SmartSigningOptions();
        options.Keys.Add(new SmartSigningKeyOptions { Pem = rsa.ExportPkcs8PrivateKeyPem(), KeyId = "bare" });
        var ring = SigningKeyRing.Create(options, _temp.Path, NullLogger.Instance);

        var result = await CheckAsync(ring, NotAfter);

        ring.Keys.Should().ContainSingle().Which.NotAfter.Should().BeNull();
        result.Status.Should().Be(HealthStatus.Healthy);
    }

    private SigningKeyRing RingFromConfiguration(string format)
    {
        using var rsa = RSA.Create(2048);
        using var certificate = Certificate(rsa);
        var key = new SmartSigningKeyOptions { KeyId = "configured-cert" };
        if (format == "pfx")
        {
            _temp.Write("signing.pfx", certificate.Export(X509ContentType.Pkcs12, "s3cret"));
            key.CertificateFile = "signing.pfx";
            key.CertificatePassword = "s3cret";
        }
        else
        {
            _temp.Write("cert.pem", certificate.ExportCertificatePem());
            _temp.Write("cert.key", rsa.ExportPkcs8PrivateKeyPem());
            key.CertificateFile = "cert.pem";
            key.CertificateKeyFile = "cert.key";
        }

        var options = new SmartSigningOptions();
        options.Keys.Add(key);
        return SigningKeyRing.Create(options, _temp.Path, NullLogger.Instance);
    }

    private static Task<HealthCheckResult> CheckAsync(SigningKeyRing ring, DateTimeOffset now) =>
        new SmartSigningKeysHealthCheck(ring, new FakeTimeProvider(now)).CheckHealthAsync(new HealthCheckContext());

    private static X509Certificate2 Certificate(RSA rsa) =>
        new CertificateRequest("CN=smart-health-test", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            .CreateSelfSigned(NotAfter.AddYears(-1), NotAfter);
}
