using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace Smart.AspNetCore.Testing.Tests;

/// <summary>The kit's assertions pass on the right answer and fail, saying why, on any other.</summary>
public sealed class ResponseAssertionTests
{
    private static HttpResponseMessage Json(HttpStatusCode status, string body, bool noStore = true)
    {
        var response = new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (noStore)
        {
            response.Headers.CacheControl = new CacheControlHeaderValue { NoStore = true };
        }

        return response;
    }

    [Fact]
    public async Task AssertOAuthErrorAsync_MatchingAnswer_ReturnsTheBody()
    {
        using var response = Json(HttpStatusCode.BadRequest, """{"error":"invalid_grant","error_description":"The code is not valid."}""");

        var json = await response.AssertOAuthErrorAsync("invalid_grant", HttpStatusCode.BadRequest);

        Assert.Equal("The code is not valid.", json.GetProperty("error_description").GetString());
    }

    [Theory]
    [InlineData(400, """{"error":"invalid_request"}""", true, "Expected error \"invalid_grant\", got \"invalid_request\"")]
    [InlineData(401, """{"error":"invalid_grant"}""", true, "Expected HTTP 400")]
    [InlineData(400, """{"error":"invalid_grant"}""", false, "no-store")]
    [InlineData(400, "<html>", true, "as JSON")]
    public async Task AssertOAuthErrorAsync_OtherAnswer_FailsWithTheReason(int status, string body, bool noStore, string reason)
    {
        using var response = Json((HttpStatusCode)status, body, noStore);

        var exception = await Assert.ThrowsAsync<SmartAssertionException>(() => response.AssertOAuthErrorAsync("invalid_grant", HttpStatusCode.BadRequest));

        Assert.Contains(reason, exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("realm=\"x\", error=\"insufficient_scope\", scope=\"a b\"", "insufficient_scope", true)]
    [InlineData("realm=\"x\", error=\"invalid_token\"", "insufficient_scope", false)]
    [InlineData("realm=\"x\"", null, true)]
    [InlineData("realm=\"x\", error=\"invalid_token\"", null, false)]
    public void AssertBearerChallenge_ChecksTheErrorAttribute(string parameters, string? expected, bool passes)
    {
        using var response = new HttpResponseMessage(HttpStatusCode.Forbidden);
        response.Headers.WwwAuthenticate.Add(new AuthenticationHeaderValue("Bearer", parameters));

        var check = () => response.AssertBearerChallenge(HttpStatusCode.Forbidden, expected);

        if (passes)
        {
            Assert.Equal(parameters, check());
        }
        else
        {
            Assert.Throws<SmartAssertionException>(check);
        }
    }

    [Fact]
    public void AssertBearerChallenge_NoChallenge_Fails()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.Unauthorized);

        Assert.Throws<SmartAssertionException>(() => response.AssertBearerChallenge(HttpStatusCode.Unauthorized, null));
    }

    [Theory]
    [InlineData("""{"resourceType":"OperationOutcome","issue":[{"severity":"error","code":"forbidden"}]}""", "forbidden", true)]
    [InlineData("""{"resourceType":"OperationOutcome","issue":[{"severity":"error","code":"forbidden"}]}""", "not-found", false)]
    [InlineData("""{"resourceType":"OperationOutcome","issue":[]}""", null, false)]
    [InlineData("""{"resourceType":"Patient"}""", null, false)]
    public async Task AssertOperationOutcomeAsync_ChecksTypeAndIssues(string body, string? code, bool passes)
    {
        using var response = Json(HttpStatusCode.Forbidden, body);

        var check = () => response.AssertOperationOutcomeAsync(HttpStatusCode.Forbidden, code);

        if (passes)
        {
            Assert.Equal("OperationOutcome", (await check()).GetProperty("resourceType").GetString());
        }
        else
        {
            await Assert.ThrowsAsync<SmartAssertionException>(check);
        }
    }
}
