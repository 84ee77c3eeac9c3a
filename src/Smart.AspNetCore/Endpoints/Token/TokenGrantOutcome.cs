using Smart.AspNetCore.Grants;
using Smart.AspNetCore.Scopes;

namespace Smart.AspNetCore.Endpoints.Token;

/// <summary>A validated grant: what to mint tokens for.</summary>
internal sealed record TokenGrantOutcome(SmartGrant Grant, SmartScopeSet Scope, string? Nonce);
