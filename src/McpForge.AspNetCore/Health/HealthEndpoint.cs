using System;
using System.Diagnostics;
using System.Text.Json;
using System.Threading.Tasks;
using McpForge.AspNetCore.Transport;
using Microsoft.AspNetCore.Http;

namespace McpForge.AspNetCore.Health;

/// <summary>
/// <c>GET /health</c>: what the troubleshooting guide asks a server to show, for load balancers and for people —
/// status, identity, uptime, open sessions and memory.
/// </summary>
internal sealed class HealthEndpoint(McpServer? server, IServiceProvider services)
{
    private readonly long _started = Stopwatch.GetTimestamp();

    public Task HandleAsync(HttpContext context)
    {
        context.Response.Headers.CacheControl = "no-store";
        return JsonResponse.WriteAsync(context, this, static (w, self) => self.Write(w));
    }

    private void Write(Utf8JsonWriter w)
    {
        using var process = Process.GetCurrentProcess();
        w.WriteStartObject();
        w.WriteString("status"u8, "ok"u8);
        if (server is not null)
        {
            w.WriteString("name"u8, server.Name);
            w.WriteString("version"u8, server.Version);
        }
        w.WriteNumber("uptimeSeconds"u8, Math.Round(Stopwatch.GetElapsedTime(_started).TotalSeconds, 3));
        w.WriteNumber("sessions"u8, McpEndpointRegistry.SessionCount(services));
        w.WriteStartObject("memory"u8);
        w.WriteNumber("workingSetBytes"u8, process.WorkingSet64);
        w.WriteNumber("managedHeapBytes"u8, GC.GetTotalMemory(forceFullCollection: false));
        w.WriteNumber("gcCollections"u8, GC.CollectionCount(0));
        w.WriteEndObject();
        w.WriteEndObject();
    }
}
