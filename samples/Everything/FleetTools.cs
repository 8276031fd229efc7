using System;
using System.Threading.Tasks;
using McpForge;

namespace Everything;

/// <summary>
/// Tools to watch the server run as a fleet behind a load balancer (docs/scale-out.md, eng/scaleout.sh): which process
/// served a call, a call long enough to stop its instance under, and a resource update started on any instance.
/// </summary>
public sealed partial class FleetTools
{
    /// <summary>Names the process that ran the call: in a fleet, every call of a session runs on the session's owner.</summary>
    [McpTool("fleet_whoami", ReadOnly = true)]
    public static string WhoAmI() => "pid " + Environment.ProcessId;

    /// <summary>Runs for a while, reporting progress every tenth of a second.</summary>
    /// <param name="tenths">How many tenths of a second to run (at most 600).</param>
    [McpTool("fleet_wait")]
    public static async Task<string> Wait(int tenths, McpContext context)
    {
        tenths = Math.Clamp(tenths, 0, 600);
        for (var i = 0; i < tenths; i++)
        {
            await context.ReportProgressAsync(i, tenths, "pid " + Environment.ProcessId);
            await Task.Delay(100, context.CancellationToken);
        }
        return "waited on pid " + Environment.ProcessId;
    }

    /// <summary>Tells every client subscribed to <paramref name="uri"/> that it changed, whichever instance holds its session.</summary>
    /// <param name="uri">The resource that changed (test://watched-resource when not given).</param>
    [McpTool("fleet_touch")]
    public static async Task<string> Touch(McpContext context, string uri = "test://watched-resource")
    {
        await context.Server.NotifyResourceUpdatedAsync(uri);
        return uri + " updated from pid " + Environment.ProcessId;
    }
}
