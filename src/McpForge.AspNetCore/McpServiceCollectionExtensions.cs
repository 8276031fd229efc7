using System;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;

namespace McpForge.AspNetCore;

/// <summary>Registers an MCP server with ASP.NET Core's services.</summary>
public static class McpServiceCollectionExtensions
{
    /// <summary>
    /// Registers an <see cref="McpServer"/> named <paramref name="name"/>: <paramref name="configure"/> adds its tools,
    /// prompts and resources (for example <c>b =&gt; b.AddGeneratedComponents()</c>). Services that tools ask for
    /// (constructor or <c>[FromServices]</c> parameters) come from the application's container.
    /// </summary>
    public static IServiceCollection AddMcpServer(this IServiceCollection services, string name, string version, Action<McpServerBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        // Request states of 2026-07-28 input rounds are sealed with Data Protection, so instances sharing a key ring
        // open each other's (a retry may reach any of them).
        services.AddDataProtection();
        services.AddSingleton(provider =>
        {
            var builder = McpServer.CreateBuilder(name, version).UseServiceProvider(provider);
            configure(builder);
            builder.Options.RequestStateProtector ??= new DataProtectionRequestStateProtector(provider.GetRequiredService<IDataProtectionProvider>());
            return builder.Build();
        });
        return services;
    }
}
