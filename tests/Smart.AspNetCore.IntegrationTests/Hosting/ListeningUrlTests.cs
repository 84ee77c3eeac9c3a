using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text.Json;

namespace Smart.AspNetCore.IntegrationTests.Hosting;

/// <summary>
/// SAMPLE-CONTRACT "Running it where you like": the sample started as a user would, <c>--urls http://127.0.0.1:PORT</c>
/// and no <c>Smart:FhirBaseUrl</c>, advertises that origin (issuer, endpoints, launch URLs) on a real Kestrel port.
/// </summary>
public sealed class ListeningUrlTests
{
    [Fact] // AUTHZ-15: iss/aud equal the FHIR base the client was sent to.
    public async Task Sample_StartedWithUrlsOnly_AdvertisesThatOrigin()
    {
        var port = FreePort();
        var origin = $"http://127.0.0.1:{port}";
        using var sample = StartSample($"--urls {origin}");
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { Timeout = TimeSpan.FromSeconds(10) };

        using var smart = await WaitForAsync(http, origin + "/fhir/.well-known/smart-configuration", sample);
        var config = JsonDocument.Parse(await smart.Content.ReadAsStringAsync()).RootElement;
        config.GetProperty("authorization_endpoint").GetString().Should().Be(origin + "/fhir/auth/authorize");
        config.GetProperty("token_endpoint").GetString().Should().Be(origin + "/fhir/auth/token");
        config.GetProperty("issuer").GetString().Should().Be(origin + "/fhir");

        using var openid = await http.GetAsync(new Uri(origin + "/fhir/.well-known/openid-configuration"));
        JsonDocument.Parse(await openid.Content.ReadAsStringAsync()).RootElement.GetProperty("issuer").GetString().Should().Be(origin + "/fhir");

        // The demo app is registered at that origin: its redirect URI is accepted (the request goes on to the login).
        var authorize = $"{origin}/fhir/auth/authorize?response_type=code&client_id=growth-chart"
            + $"&redirect_uri={Uri.EscapeDataString(origin + "/apps/growth-chart/index.html")}&scope=launch%2Fpatient%20openid&state=s1"
            + $"&aud={Uri.EscapeDataString(origin + "/fhir")}&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256";
        using var challenge = await http.GetAsync(new Uri(authorize));
        challenge.StatusCode.Should().Be(HttpStatusCode.Redirect);
        challenge.Headers.Location!.ToString().Should().Contain("/account/login");
    }

    [Fact]
    public async Task Sample_StartedWithExplicitFhirBaseUrl_KeepsIt()
    {
        var port = FreePort();
        var origin = $"http://127.0.0.1:{port}";
        using var sample = StartSample($"--urls {origin} --Smart:FhirBaseUrl=http://localhost:7000/fhir");
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };

        using var smart = await WaitForAsync(http, origin + "/fhir/.well-known/smart-configuration", sample);
        var config = JsonDocument.Parse(await smart.Content.ReadAsStringAsync()).RootElement;
        config.GetProperty("token_endpoint").GetString().Should().Be("http://localhost:7000/fhir/auth/token");
    }

    [Theory]
    [InlineData("http://127.0.0.1:6001", "http://127.0.0.1:6001")]
    [InlineData("http://*:6002;https://localhost:6003", "http://localhost:6002")]
    [InlineData("http://+:6004/", "http://localhost:6004")]
    [InlineData("http://0.0.0.0:6005", "http://localhost:6005")]
    [InlineData("http://127.0.0.1:0;http://localhost:6006", "http://localhost:6006")]
    [InlineData("http://127.0.0.1:0", null)]
    [InlineData("not a url", null)]
    [InlineData("", null)]
    public void FirstListeningOrigin_UrlsSetting_GivesOriginOrNull(string urls, string? expected) =>
        Smart.Sample.Ehr.SampleOrigin.FirstListeningOrigin(urls).Should().Be(expected);

    private static SampleProcess StartSample(string arguments)
    {
        using var rsa = RSA.Create(2048);
        var start = new ProcessStartInfo("dotnet", $"\"{Path.Combine(AppContext.BaseDirectory, "Smart.Sample.Ehr.dll")}\" {arguments} --contentRoot \"{SampleProjectDirectory()}\"")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment.Remove("ASPNETCORE_URLS");
        start.Environment["Smart__Signing__Keys__0__Pem"] = rsa.ExportPkcs8PrivateKeyPem();
        start.Environment["Smart__Signing__Keys__0__KeyId"] = "test-rs256";
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new SampleProcess(process);
    }

    private static async Task<HttpResponseMessage> WaitForAsync(HttpClient http, string url, SampleProcess sample)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            sample.Process.HasExited.Should().BeFalse("the sample should keep running");
            try
            {
                var response = await http.GetAsync(new Uri(url));
                response.StatusCode.Should().Be(HttpStatusCode.OK);
                return response;
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(250);
            }
        }
    }

    private static string SampleProjectDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "samples", "Smart.Sample.Ehr");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("samples/Smart.Sample.Ehr not found above " + AppContext.BaseDirectory);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed class SampleProcess(Process process) : IDisposable
    {
        public Process Process { get; } = process;

        public void Dispose()
        {
            if (!Process.HasExited)
            {
                Process.Kill(entireProcessTree: true);
                Process.WaitForExit(10_000);
            }

            Process.Dispose();
        }
    }
}
