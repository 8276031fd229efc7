using System;
using System.Collections.Generic;
using System.Security.Claims;
using System.Threading.Tasks;
using McpForge.AspNetCore.Authorization;
using McpForge.JsonRpc;
using McpForge.Server;
using McpForge.Transports;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace McpForge.AspNetCore.Transport;

internal sealed partial class McpHttpTransport
{
    /// <summary>
    /// Authenticates the request with the configured schemes, then serves it as that caller: 401 with a challenge
    /// that leads the client to the authorization server when no scheme accepts it. Policies the components name are
    /// evaluated once here, so that the session's checks stay synchronous.
    /// </summary>
    private async Task AuthenticateAndHandleAsync(HttpContext context, McpAuthenticationOptions authentication)
    {
        ClaimsPrincipal? user = null;
        string? failure = null;
        foreach (var scheme in authentication.Schemes)
        {
            var result = await context.AuthenticateAsync(scheme).ConfigureAwait(false);
            if (result.Succeeded)
            {
                user = result.Principal;
                break;
            }
            failure ??= result.Failure?.Message;
        }
        if (user is null)
        {
            await WriteUnauthorizedAsync(context, authentication, failure).ConfigureAwait(false);
            return;
        }
        context.User = user;
        await HandleAsync(context, McpCaller.Authenticated(user, await SatisfiedPoliciesAsync(context, user).ConfigureAwait(false))).ConfigureAwait(false);
    }

    private async Task<IReadOnlySet<string>> SatisfiedPoliciesAsync(HttpContext context, ClaimsPrincipal user)
    {
        var policies = Server.AuthorizationPolicies;
        if (policies.Count == 0) return s_noPolicies;
        var service = context.RequestServices.GetService<IAuthorizationService>()
            ?? throw new InvalidOperationException("Components name authorization policies, but no IAuthorizationService is registered: call builder.Services.AddAuthorization(…).");
        var satisfied = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < policies.Count; i++)
        {
            if ((await service.AuthorizeAsync(user, policies[i]).ConfigureAwait(false)).Succeeded) satisfied.Add(policies[i]);
        }
        return satisfied;
    }

    private static readonly IReadOnlySet<string> s_noPolicies = new HashSet<string>();

    /// <summary>
    /// 401: without a token, a bare challenge (RFC 6750 §3.1: no error code) pointing at the metadata; with one, why
    /// it was refused (the handler's reason, never the token itself).
    /// </summary>
    private Task WriteUnauthorizedAsync(HttpContext context, McpAuthenticationOptions authentication, string? failure)
    {
        var presented = context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);
        var metadata = authentication.ResourceMetadata is null ? null : Challenges.MetadataUrl(context.Request, Path);
        if (authentication.ResourceMetadata is not null || presented)
        {
            context.Response.Headers.WWWAuthenticate = Challenges.Unauthorized(metadata,
                presented ? "invalid_token" : null, presented ? Describe(failure) : null, scopes: null);
        }
        var details = presented ? "The access token was refused: " + Describe(failure)
            : failure is not null && !failure.StartsWith("IDX", StringComparison.Ordinal) ? failure
            : "Authentication is required" + (metadata is null ? "." : "; the metadata at " + metadata + " names the authorization server.");
        return WriteErrorAsync(context, StatusCodes.Status401Unauthorized, JsonRpcErrorCode.InvalidRequest, details);
    }

    /// <summary>The first line of a handler's failure message, which never holds the token (IdentityModel hides PII).</summary>
    private static string Describe(string? failure)
    {
        if (string.IsNullOrEmpty(failure)) return "it is not valid.";
        var newline = failure.IndexOfAny(['\r', '\n']);
        return newline < 0 ? failure : failure[..newline];
    }

    /// <summary>403 for a component the caller may not use: <c>insufficient_scope</c> names the scopes to ask for.</summary>
    private Task WriteForbiddenAsync(HttpContext context, RequestId id, IReadOnlyList<string> scopes, string details)
    {
        if (scopes.Count > 0)
        {
            var metadata = Options.Authentication?.ResourceMetadata is null ? null : Challenges.MetadataUrl(context.Request, Path);
            context.Response.Headers.WWWAuthenticate = Challenges.Unauthorized(metadata, "insufficient_scope", details, scopes);
        }
        return WriteErrorAsync(context, StatusCodes.Status403Forbidden, JsonRpcErrorCode.Forbidden, details, id);
    }
}
