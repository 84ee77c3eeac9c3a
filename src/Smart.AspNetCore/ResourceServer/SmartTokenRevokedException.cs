using Microsoft.IdentityModel.Tokens;

namespace Smart.AspNetCore.ResourceServer;

/// <summary>The access token is on the <see cref="Grants.IAccessTokenDenylist"/> (revoked, RFC 7009).</summary>
internal sealed class SmartTokenRevokedException : SecurityTokenValidationException
{
    public SmartTokenRevokedException()
        : base("The access token was revoked.")
    {
    }

    public SmartTokenRevokedException(string message)
        : base(message)
    {
    }

    public SmartTokenRevokedException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
