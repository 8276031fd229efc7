using System;
using System.Diagnostics;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using McpForge.AspNetCore.ScaleOut;
using McpForge.AspNetCore.Transport;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace McpForge.AspNetCore.Health;

/// <summary>
/// <c>GET /health</c>: what the troubleshooting guide asks a server to show, for load balancers and for people —
/// status, identity, uptime, open sessions and memory; in a fleet also the instance and whether the session store
/// answers. It answers 503 while the instance drains (it is stopping and hands its sessions over), so the load
/// balancer sends nothing new.
/// </summary>
internal sealed class HealthEndpoint(McpServer? server, IServiceProvider services)
{
    private static readonly TimeSpan StoreWait = TimeSpan.FromSeconds(1);
    private readonly long _started = Stopwatch.GetTimestamp();
    private readonly IMcpSessionDirectory? _directory = services.GetService<IMcpSessionDirectory>();

    public async Task HandleAsync(HttpContext context)
    {
        context.Response.Headers.CacheControl = "no-store";
        var draining = McpEndpointRegistry.IsDraining(services);
        bool? reachable = null;
        if (_directory is not null)
        {
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
            wait.CancelAfter(StoreWait);
            try
            {
                reachable = await _directory.PingAsync(wait.Token).ConfigureAwait(false);
            }
            catch (Exception) when (!context.RequestAborted.IsCancellationRequested)
            {
                reachable = false;
            }
        }
        if (draining) context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        var status = draining ? "draining" : reachable == false ? "degraded" : "ok";
        await JsonResponse.WriteAsync(context, (Self: this, Status: status, Reachable: reachable), static (w, s) => s.Self.Write(w, s.Status, s.Reachable)).ConfigureAwait(false);
    }

    private void Write(Utf8JsonWriter w, string status, bool? reachable)
    {
        using var process = Process.GetCurrentProcess();
        w.WriteStartObject();
        w.WriteString("status"u8, status);
        if (server is not null)
        {
            w.WriteString("name"u8, server.Name);
            w.WriteString("version"u8, server.Version);
        }
        w.WriteNumber("uptimeSeconds"u8, Math.Round(Stopwatch.GetElapsedTime(_started).TotalSeconds, 3));
        w.WriteNumber("sessions"u8, McpEndpointRegistry.SessionCount(services));
        if (_directory is not null)
        {
            // A fleet: which instance answered, and whether it can reach the store that routes sessions between instances.
            w.WriteStartObject("scaleOut"u8);
            w.WriteString("instance"u8, _directory.InstanceId);
            w.WriteBoolean("storeReachable"u8, reachable == true);
            w.WriteBoolean("holdsLease"u8, _directory.HoldsLease);
            w.WriteEndObject();
        }
        w.WriteStartObject("memory"u8);
        w.WriteNumber("workingSetBytes"u8, process.WorkingSet64);
        w.WriteNumber("managedHeapBytes"u8, GC.GetTotalMemory(forceFullCollection: false));
        w.WriteNumber("gcCollections"u8, GC.CollectionCount(0));
        w.WriteEndObject();
        w.WriteEndObject();
    }
}
