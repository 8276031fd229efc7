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
        services.AddSingleton(provider =>
        {
            var builder = McpServer.CreateBuilder(name, version).UseServiceProvider(provider);
            configure(builder);
            // An application that registered Data Protection (AddDataProtection, its key ring shared by its instances) seals
            // request states with it, so a retry may reach any instance. Registering it here for everyone would cost every
            // NativeAOT server about 6 MB for what one process does with its own AES-GCM key.
            if (builder.Options.RequestStateProtector is null && provider.GetService<IDataProtectionProvider>() is { } dataProtection)
            {
                builder.Options.RequestStateProtector = new DataProtectionRequestStateProtector(dataProtection);
            }
            return builder.Build();
        });
        return services;
    }
}
