using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;

namespace McpForge.AspNetCore.Transport;

/// <summary>The MCP endpoints mapped in an application, so the health endpoint can count their sessions.</summary>
internal static class McpEndpointRegistry
{
    private static readonly ConditionalWeakTable<IServiceProvider, List<McpHttpTransport>> s_transports = new();
    private static readonly ConditionalWeakTable<IServiceProvider, object> s_rootMetadata = new();

    /// <summary>True for the first endpoint that asks: it serves the root protected resource metadata.</summary>
    public static bool ClaimRootMetadata(IServiceProvider services) => s_rootMetadata.TryAdd(services, new object());

    public static void Add(IServiceProvider services, McpHttpTransport transport)
    {
        var list = s_transports.GetOrCreateValue(services);
        lock (list) list.Add(transport);
    }

    /// <summary>The open session <paramref name="id"/> of any endpoint in the application, or null.</summary>
    public static HttpSession? FindOpenSession(IServiceProvider services, string id)
    {
        if (!s_transports.TryGetValue(services, out var list)) return null;
        lock (list)
        {
            foreach (var transport in list)
            {
                if (transport.FindOpenSession(id) is { } session) return session;
            }
        }
        return null;
    }

    public static int SessionCount(IServiceProvider services)
    {
        if (!s_transports.TryGetValue(services, out var list)) return 0;
        var count = 0;
        lock (list)
        {
            foreach (var transport in list) count += transport.SessionCount;
        }
        return count;
    }
}
