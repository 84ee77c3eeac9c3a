using System.Text;
using CsCheck;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Smart.AspNetCore.ClientAuthentication;
using Smart.AspNetCore.Endpoints.Authorize;
using Smart.AspNetCore.Endpoints.Token;
using Smart.AspNetCore.Protocol;
using Smart.AspNetCore.Requests;

namespace Smart.AspNetCore.Tests.Generated;

/// <summary>
/// Generated-input properties of the authorize and token parameter readers and of the request limits: total (never
/// throw), first non-empty value wins, repeats reported, and limits enforced exactly as documented.
/// </summary>
public sealed class ParameterReaderProperties
{
    private static readonly string[] s_names =
        ["client_id", "redirect_uri", "response_type", "scope", "state", "aud", "launch", "code_challenge", "code_challenge_method",
         "nonce", "grant_type", "code", "code_verifier", "refresh_token", "client_secret", "client_assertion", "client_assertion_type", "token"];

    private static readonly Gen<KeyValuePair<string, StringValues>> s_parameter = Gen.Select(
        Generators.OneOf(s_names),
        Generators.Text(30).Array[0, 3],
        static (name, values) => new KeyValuePair<string, StringValues>(name, new StringValues(values)));

    private static readonly Gen<KeyValuePair<string, StringValues>[]> s_parameters = s_parameter.Array[0, 12]
        .Select(static list => list.GroupBy(p => p.Key, StringComparer.Ordinal)
            .Select(g => new KeyValuePair<string, StringValues>(g.Key, new StringValues(g.SelectMany(p => p.Value.ToArray()).ToArray())))
            .ToArray());

    [Fact] // AUTHZ-1: each field is the first non-empty value of its parameter; a repeat is reported.
    public void AuthorizeParser_AnyParameters_FirstNonEmptyValueAndRepeats() =>
        s_parameters.Sample(parameters =>
        {
            var request = AuthorizeRequestParser.Parse(parameters);

            request.ClientId.Should().Be(Expected(parameters, "client_id"));
            request.RedirectUri.Should().Be(Expected(parameters, "redirect_uri"));
            request.Scope.Should().Be(Expected(parameters, "scope"));
            request.State.Should().Be(Expected(parameters, "state"));
            request.CodeChallenge.Should().Be(Expected(parameters, "code_challenge"));
            (request.RepeatedParameter is null).Should().Be(parameters.All(p => p.Value.Count <= 1));
        }, iter: 3000);

    [Fact] // TOKEN-1: the token request reads every parameter the same way.
    public void TokenRequest_AnyParameters_FirstNonEmptyValueAndRepeats() =>
        s_parameters.Sample(parameters =>
        {
            var request = OAuthRequest.Parse(parameters);

            foreach (var name in s_names)
            {
                request[name].Should().Be(Expected(parameters, name), name);
            }

            (request.RepeatedParameter is null).Should().Be(parameters.All(p => p.Value.Count <= 1));
        }, iter: 3000);

    [Fact] // The limits: a request is accepted exactly when a plain model of the documented limits accepts it.
    public void RequestLimits_AnyParameters_MatchTheDocumentedModel()
    {
        var options = new SmartOnFhirOptions();
        options.RequestLimits.MaxParameters = 10;
        options.RequestLimits.MaxParameterNameLength = 16;
        options.RequestLimits.MaxParameterValueLength = 24;
        options.RequestLimits.MaxScopeLength = 20;
        options.RequestLimits.MaxScopes = 3;
        var reader = new OAuthRequestReader(Options.Create(options));

        s_parameters.Sample(parameters =>
        {
            var result = reader.Check(parameters);
            var limits = options.RequestLimits;
            var accepted = parameters.Sum(p => Math.Max(p.Value.Count, 1)) <= limits.MaxParameters
                && parameters.All(p => p.Key.Length <= limits.MaxParameterNameLength && !p.Key.Any(char.IsControl))
                && parameters.All(p => p.Value.All(v => v!.Length <= limits.MaxParameterValueLength && !v.Any(char.IsControl)))
                && parameters.Where(p => p.Key == "scope").SelectMany(p => p.Value)
                    .All(v => v!.Length <= limits.MaxScopeLength && v.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length <= limits.MaxScopes);

            result.Succeeded.Should().Be(accepted);
            if (!result.Succeeded)
            {
                result.Error.Error.Should().Be(OAuthErrorCodes.InvalidRequest);
                foreach (var value in parameters.SelectMany(p => p.Value).Where(v => v!.Length >= 6))
                {
                    result.Error.Description.Should().NotContain(value, "descriptions never echo a value");
                }
            }
            else
            {
                result.Parameters.Should().BeSameAs(parameters);
            }
        }, iter: 5000);
    }

    [Fact] // CLIENT-1, RFC 6749 §2.3.1: any header value is decoded or refused, never thrown on.
    public void TryDecodeBasic_AnyHeaderValue_NeverThrows() =>
        Gen.Frequency(
            (1, Generators.Text(60)),
            (1, Generators.Text(60).Select(static t => Convert.ToBase64String(Encoding.UTF8.GetBytes(t))))).Sample(parameter =>
        {
            if (ClientAuthenticator.TryDecodeBasic(parameter, out var id, out var secret))
            {
                id.Should().NotBeEmpty();
                secret.Should().NotBeEmpty();
            }
        }, iter: 5000);

    [Fact] // RFC 6749 Appendix B: any id and secret, form-encoded then base64, decode back to themselves.
    public void TryDecodeBasic_EncodedCredentials_RoundTrip() =>
        Gen.Select(Generators.Text(20).Where(static t => t.Length > 0), Generators.Text(20).Where(static t => t.Length > 0)).Sample((id, secret) =>
        {
            if (!IsValidUtf16(id) || !IsValidUtf16(secret))
            {
                return;
            }

            var header = Convert.ToBase64String(Encoding.UTF8.GetBytes(Uri.EscapeDataString(id) + ":" + Uri.EscapeDataString(secret)));

            ClientAuthenticator.TryDecodeBasic(header, out var decodedId, out var decodedSecret).Should().BeTrue();
            decodedId.Should().Be(id);
            decodedSecret.Should().Be(secret);
        }, iter: 3000);

    private static string? Expected(KeyValuePair<string, StringValues>[] parameters, string name)
    {
        foreach (var (key, values) in parameters)
        {
            if (key == name)
            {
                return values.Count >= 1 && !string.IsNullOrEmpty(values[0]) ? values[0] : null;
            }
        }

        return null;
    }

    private static bool IsValidUtf16(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            if (char.IsHighSurrogate(value[i]) && (i + 1 >= value.Length || !char.IsLowSurrogate(value[++i])))
            {
                return false;
            }

            if (char.IsLowSurrogate(value[i]) && (i == 0 || !char.IsHighSurrogate(value[i - 1])))
            {
                return false;
            }
        }

        return true;
    }
}
