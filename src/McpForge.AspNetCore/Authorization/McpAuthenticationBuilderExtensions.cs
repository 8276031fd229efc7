using System;
using Microsoft.AspNetCore.Authentication;

namespace McpForge.AspNetCore.Authorization;

/// <summary>Registers McpForge's authentication schemes with ASP.NET Core.</summary>
public static class McpAuthenticationBuilderExtensions
{
    /// <summary>
    /// Adds the client-certificate (mutual TLS) scheme, <see cref="McpClientCertificateOptions.Scheme"/> unless named
    /// otherwise; <paramref name="configure"/> sets the trusted certificate authorities.
    /// </summary>
    public static AuthenticationBuilder AddMcpClientCertificate(this AuthenticationBuilder builder, Action<McpClientCertificateOptions> configure,
        string scheme = McpClientCertificateOptions.Scheme)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        return builder.AddScheme<McpClientCertificateOptions, McpClientCertificateHandler>(scheme, configure);
    }
}
