using System;
using System.Globalization;
using System.Linq;
using McpForge;
using McpForge.AspNetCore;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using QuickStart;
using ReliabilityServer;

// dotnet ReliabilityServer.dll --stdio [limits]                       stdio
// dotnet ReliabilityServer.dll --urls http://127.0.0.1:0 [limits]     Streamable HTTP at /mcp
// limits: --max-concurrent N  --max-queued N  --reject  --tool-timeout-ms N  --max-response-bytes N
//         --max-unsent-bytes N  --stdio-pipe-bytes N  --shutdown-timeout-ms N  --no-event-store (HTTP: a lost stream cancels its call)
//         --no-request-services (HTTP: calls get scopes of their own, so a request ends with its stream, not with its call)
//         --count-aborted (HTTP: requests whose client went away are counted as they end: wait_for's aborted_requests)
void Configure(McpServerBuilder mcp) => mcp
    .AddTools<QuickStartTools>()
    .AddTools<FaultTools>()
    .Configure(options =>
    {
        if (Option("--max-concurrent") is { } concurrent) options.MaxConcurrentRequests = (int)concurrent;
        if (Option("--max-queued") is { } queued) options.MaxQueuedRequests = (int)queued;
        if (args.Contains("--reject")) options.WhenBusy = BusyBehavior.Reject;
        if (Option("--tool-timeout-ms") is { } timeout) options.ToolTimeout = TimeSpan.FromMilliseconds(timeout);
        if (Option("--max-response-bytes") is { } response) options.MaxResponseBytes = response;
        if (Option("--max-unsent-bytes") is { } unsent) options.MaxUnsentBytes = unsent;
        if (Option("--stdio-pipe-bytes") is { } pipe) options.StdioPipeBytes = (int)pipe;
        if (Option("--shutdown-timeout-ms") is { } shutdown) options.ShutdownTimeout = TimeSpan.FromMilliseconds(shutdown);
    });

long? Option(string name)
{
    var at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length ? long.Parse(args[at + 1], CultureInfo.InvariantCulture) : null;
}

if (args.Contains("--stdio"))
{
    var builder = McpServer.CreateBuilder("reliability", "1.0.0");
    Configure(builder);
    await builder.Build().RunStdioAsync();
    return;
}

// Flags without a value would swallow the next argument in the host's command-line configuration (--urls ...).
var web = WebApplication.CreateSlimBuilder(args.Where(a => a is not ("--reject" or "--no-event-store" or "--no-request-services" or "--count-aborted")).ToArray());
web.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
web.Services.AddMcpServer("reliability", "1.0.0", Configure);
var app = web.Build();
if (args.Contains("--count-aborted"))
{
    // Only on request: the load and soak runs measure this server, and an extra middleware is not what they measure.
    app.Use(async (context, next) =>
    {
        await next(context);
        if (context.RequestAborted.IsCancellationRequested) FaultTools.RequestEndedAborted();
    });
}
app.MapMcp("/mcp", http =>
{
    if (args.Contains("--no-event-store")) http.EventStore = null;
    if (args.Contains("--no-request-services")) http.UseRequestServices = false;
});
await app.RunAsync();
