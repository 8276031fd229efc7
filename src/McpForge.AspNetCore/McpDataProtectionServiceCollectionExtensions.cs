using System;
using McpForge;
using McpForge.AspNetCore;
using Microsoft.AspNetCore.DataProtection;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Seals the request states of 2026-07-28 rounds of input with ASP.NET Core Data Protection.</summary>
public static class McpDataProtectionServiceCollectionExtensions
{
    /// <summary>
    /// Seals request states with the application's Data Protection key ring (purpose <c>McpForge.RequestState.v1</c>)
    /// instead of a key of the process: instances behind a load balancer that share the key ring
    /// (<c>AddDataProtection().PersistKeysTo…</c>) open each other's states, so a client's retry may reach any of them.
    /// Registers Data Protection if the application has not. A server that runs as one process does not need it (and a
    /// NativeAOT binary is about 6 MB smaller without it).
    /// </summary>
    public static IServiceCollection AddMcpDataProtection(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddDataProtection();
        services.AddSingleton<IMcpRequestStateProtector>(provider => new DataProtectionRequestStateProtector(provider.GetRequiredService<IDataProtectionProvider>()));
        return services;
    }
}
