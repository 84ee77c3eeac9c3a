using System.Security.Claims;
using Smart.AspNetCore.Interaction;

namespace Smart.AspNetCore.Endpoints.DefaultPages;

/// <summary>
/// A signed-in user's valid request to one of the default pages: what the shared preamble of
/// <see cref="DefaultInteractionPages"/> hands to the consent and picker handlers.
/// </summary>
/// <param name="User">The signed-in user (the host's interaction scheme).</param>
/// <param name="RequestId">The pending authorization request's id (<c>request_id</c>).</param>
/// <param name="Info">The pending request, as the user may see it.</param>
/// <param name="Options">The default pages' options.</param>
internal sealed record DefaultPageRequest(ClaimsPrincipal User, string RequestId, SmartAuthorizationRequestInfo Info, SmartDefaultPagesOptions Options);
