using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Smart.AspNetCore.IntegrationTests.Infrastructure;

namespace Smart.AspNetCore.IntegrationTests.Hostile;

/// <summary>CWE-117: client-supplied values never forge or flood a log line (SEC-9 keeps tokens and patient ids out).</summary>
[Collection(SampleEhrCollection.Name)]
public class SafeLogTests(SampleEhrFactory factory)
{
    [Theory]
    [InlineData("/fhir/auth/authorize?response_type=code&client_id=evil%0D%0A2000%20Authorization%20code%20issued%20FORGED-LINE", "invalid_request")]
    [InlineData("/fhir/auth/authorize?response_type=code&client_id=evil%E2%80%A8FORGED-LINE%E2%80%AE", "invalid_client")]
    public async Task ClientIdWithLineBreaks_NeverBreaksALogLine(string url, string error)
    {
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        using var response = await client.GetAsync(new Uri(url, UriKind.Relative));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).Should().Contain($"<code>{error}</code>");
        factory.LibraryLogs.Messages.Should().NotContain(m => m.Contains("FORGED-LINE", StringComparison.Ordinal)
            && (m.Contains('\r') || m.Contains('\n') || m.Contains('\u2028') || m.Contains('\u202E')));
        if (error == "invalid_client")
        {
            // The value reached the log line (2000), with the separators replaced.
            factory.LibraryLogs.Messages.Should().Contain(m => m.Contains("'evil?FORGED-LINE?'", StringComparison.Ordinal));
        }
    }

    [Fact] // An unregistered client_id reaches the log (2000), cut to 100 characters.
    public async Task LongUnregisteredClientId_IsTruncatedInTheLog()
    {
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var clientId = "long-" + Guid.NewGuid().ToString("N") + new string('x', 5000);

        using var response = await client.GetAsync(new Uri("/fhir/auth/authorize?response_type=code&client_id=" + clientId + "&redirect_uri=https%3A%2F%2Fapp.example%2Fcb", UriKind.Relative));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var line = factory.LibraryLogs.Messages.Single(m => m.Contains(clientId[..37], StringComparison.Ordinal) && m.Contains("refused (", StringComparison.Ordinal));
        line.Should().Contain("invalid_client").And.Contain(clientId[..100] + "…").And.NotContain(clientId[..101]);
    }
}
