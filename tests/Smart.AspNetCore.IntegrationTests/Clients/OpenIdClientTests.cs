using System.Diagnostics;
using System.Text.Json;
using Smart.AspNetCore.IntegrationTests.Infrastructure;

namespace Smart.AspNetCore.IntegrationTests.Clients;

/// <summary>
/// A real client nobody here wrote (issue 15): Node's <c>openid-client</c> v6, fetched from npm at build time by
/// build/openid-client.targets, runs Clients/openid-client/backend-services.mjs against the sample on a loopback
/// port. It discovers the server, gets a SMART Backend Services token with <c>private_key_jwt</c> using its DEFAULT
/// assertion settings (<c>aud</c> = the issuer, CLIENT-4), reads a Patient with it, then introspects and revokes it
/// with the same client authentication.
/// </summary>
public sealed class OpenIdClientTests(KestrelSampleEhr sample) : IClassFixture<KestrelSampleEhr>
{
    private static readonly string s_scripts = Path.Combine(AppContext.BaseDirectory, "openid-client");

    [Fact] // BACKEND-1..BACKEND-5, CLIENT-4, INTROSPECT-3, REVOKE-1
    public async Task BackendServices_OpenIdClientDefaults_GetsTokenReadsIntrospectsAndRevokes()
    {
        var result = await RunNodeAsync("backend-services.mjs", new Dictionary<string, string>
        {
            ["SMART_ISSUER"] = sample.FhirBase,
            ["SMART_CLIENT_ID"] = ClientAssertions.Backend,
            ["SMART_PRIVATE_JWK"] = ClientAssertions.PrivateKeyFile(ClientAssertions.Backend),
            ["SMART_SCOPE"] = "system/Patient.rs system/Observation.rs",
            ["SMART_PATIENT"] = "peds-001",
        });

        result.GetProperty("issuer").GetString().Should().Be(sample.FhirBase);
        var token = result.GetProperty("token");
        token.GetProperty("token_type").GetString().Should().Be("bearer");
        token.GetProperty("scope").GetString().Should().Be("system/Patient.rs system/Observation.rs");
        token.GetProperty("expires_in").GetInt32().Should().BeInRange(1, 300);

        var read = result.GetProperty("read");
        read.GetProperty("status").GetInt32().Should().Be(200);
        read.GetProperty("resourceType").GetString().Should().Be("Patient");
        read.GetProperty("id").GetString().Should().Be("peds-001");

        var introspection = result.GetProperty("introspection");
        introspection.GetProperty("active").GetBoolean().Should().BeTrue();
        introspection.GetProperty("client_id").GetString().Should().Be(ClientAssertions.Backend);
        result.GetProperty("afterRevocation").GetProperty("active").GetBoolean().Should().BeFalse();

        // openid-client's defaults: one assertion per authenticated call (token, introspect, revoke, introspect),
        // each with aud = the issuer (not the token endpoint URL), signed with the key's algorithm.
        var assertions = result.GetProperty("assertions").EnumerateArray().ToList();
        assertions.Select(a => new Uri(a.GetProperty("endpoint").GetString()!).AbsolutePath).Should().Equal(
            "/fhir/auth/token", "/fhir/auth/introspect", "/fhir/auth/revoke", "/fhir/auth/introspect");
        assertions.Should().AllSatisfy(a =>
        {
            a.GetProperty("aud").GetString().Should().Be(sample.FhirBase);
            a.GetProperty("iss").GetString().Should().Be(ClientAssertions.Backend);
            a.GetProperty("sub").GetString().Should().Be(ClientAssertions.Backend);
            a.GetProperty("alg").GetString().Should().Be("RS384");
        });
    }

    private static async Task<JsonElement> RunNodeAsync(string script, IDictionary<string, string> environment)
    {
        var path = Path.Combine(s_scripts, script);
        File.Exists(Path.Combine(s_scripts, "node_modules", "openid-client", "package.json")).Should().BeTrue(
            "build/openid-client.targets fetches openid-client into the output folder (build the test project)");
        var start = new ProcessStartInfo("node", $"\"{path}\"")
        {
            WorkingDirectory = s_scripts,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("node did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        process.ExitCode.Should().Be(0, "node {0} failed:\n{1}", script, await stderr);
        return JsonDocument.Parse(await stdout).RootElement.Clone();
    }
}
