using System;
using McpForge.AspNetCore.Authorization;
using McpForge.AspNetCore.Health;
using McpForge.AspNetCore.Transport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace McpForge.AspNetCore;

/// <summary>Maps MCP endpoints onto an ASP.NET Core application.</summary>
public static class McpEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Serves the <see cref="McpServer"/> registered with <see cref="McpServiceCollectionExtensions.AddMcpServer"/> over
    /// Streamable HTTP at <paramref name="pattern"/>: POST, GET and DELETE on one path (and OPTIONS with CORS).
    /// </summary>
    public static IEndpointConventionBuilder MapMcp(this IEndpointRouteBuilder endpoints, string pattern = "/mcp",
        Action<McpHttpOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var server = endpoints.ServiceProvider.GetService<McpServer>()
            ?? throw new InvalidOperationException("No McpServer is registered: call builder.Services.AddMcpServer(...) first, or pass the server to MapMcp.");
        return endpoints.MapMcp(server, pattern, configure);
    }

    /// <summary>Serves <paramref name="server"/> over Streamable HTTP at <paramref name="pattern"/>.</summary>
    public static IEndpointConventionBuilder MapMcp(this IEndpointRouteBuilder endpoints, McpServer server, string pattern = "/mcp",
        Action<McpHttpOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(server);
        var options = new McpHttpOptions();
        configure?.Invoke(options);
        // Calls use the HTTP request's DI scope when the server resolves from this application's container (AddMcpServer);
        // a server built on another container (or none) makes its own scopes, as over stdio.
        // (Compared by scope factory: a singleton's factory is given the container's root scope, not the provider itself.)
        var sameContainer = server.Services.GetService<IServiceScopeFactory>() is { } factory && ReferenceEquals(factory, endpoints.ServiceProvider.GetService<IServiceScopeFactory>());
        // In a fleet (McpForge.AspNetCore.Redis, docs/scale-out.md) the directory and forwarder come from the services.
        var transport = new McpHttpTransport(server, options, pattern, requestScopes: sameContainer && options.UseRequestServices,
            endpoints.ServiceProvider.GetService<ScaleOut.IMcpSessionDirectory>(), endpoints.ServiceProvider.GetService<ScaleOut.IMcpSessionForwarder>(),
            endpoints.ServiceProvider.GetService<ScaleOut.IMcpTaskDirectory>());
        McpEndpointRegistry.Add(endpoints.ServiceProvider, transport);
        if (options.Authentication?.ResourceMetadata is { } metadata)
        {
            // RFC 9728: the metadata at the path-suffixed well-known URI, and at the root for clients that look there.
            var document = new ProtectedResourceMetadataEndpoint(metadata);
            endpoints.MapGet(Challenges.MetadataPath(pattern), (RequestDelegate)document.HandleAsync);
            if (Challenges.MetadataPath(pattern) != Challenges.MetadataPath("/") && McpEndpointRegistry.ClaimRootMetadata(endpoints.ServiceProvider))
            {
                endpoints.MapGet(Challenges.MetadataPath("/"), (RequestDelegate)document.HandleAsync);
            }
        }
        // Sessions end with the application: their calls are cancelled and their streams close. In a fleet they are
        // handed over instead, after the calls in progress finish.
        endpoints.ServiceProvider.GetService<IHostApplicationLifetime>()?.ApplicationStopping.Register(transport.Dispose);
        return endpoints.MapMethods(pattern, options.EnableCors ? ["GET", "POST", "DELETE", "OPTIONS"] : ["GET", "POST", "DELETE"], transport.HandleAsync)
            .WithDisplayName("MCP " + pattern);
    }

    /// <summary>
    /// Maps a health endpoint at <paramref name="pattern"/> (GET): status, server name and version, uptime, open
    /// sessions and memory, as JSON. It answers 200 while the process serves.
    /// </summary>
    public static IEndpointConventionBuilder MapMcpHealth(this IEndpointRouteBuilder endpoints, string pattern = "/health")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var server = endpoints.ServiceProvider.GetService<McpServer>();
        var health = new HealthEndpoint(server, endpoints.ServiceProvider);
        return endpoints.MapGet(pattern, (RequestDelegate)health.HandleAsync).WithDisplayName("MCP health " + pattern);
    }
}
