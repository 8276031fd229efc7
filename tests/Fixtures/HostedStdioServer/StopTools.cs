using System;
using System.Threading;
using System.Threading.Tasks;
using McpForge;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

/// <summary>Tools whose calls outlive a stop signal, each telling the test by progress when it is under way.</summary>
public sealed partial class StopTools
{
    /// <summary>Echoes the text, and logs it through the host's logging.</summary>
    /// <param name="text">What to echo.</param>
    [McpTool("echo")]
    public static string Echo(string text, [FromServices] ILogger<StopTools> logger)
    {
        logger.LogInformation("echo called with {Text}", text);
        return text;
    }

    /// <summary>Reports progress, waits until the host begins to stop, then works on a little longer and answers.</summary>
    /// <param name="workAfterStopMs">How long it keeps working once the host is stopping.</param>
    [McpTool("finish_after_stop")]
    public static async Task<string> FinishAfterStopAsync(int workAfterStopMs, [FromServices] IHostApplicationLifetime lifetime,
        McpContext context = default!, CancellationToken cancellationToken = default)
    {
        var stopping = new TaskCompletionSource();
        using (lifetime.ApplicationStopping.Register(() => stopping.TrySetResult()))
        {
            await context.ReportProgressAsync(0, 1);
            await stopping.Task;
        }
        // Not cancellationToken: this call is meant to outlast the host's own shutdown timeout, not to be cut short.
        await Task.Delay(workAfterStopMs, CancellationToken.None);
        return "finished after stop";
    }

    /// <summary>Reports progress, then waits until its call is cancelled, saying on stderr when its token fires.</summary>
    [McpTool("wait_for_cancellation")]
    public static async Task<string> WaitForCancellationAsync(McpContext context = default!, CancellationToken cancellationToken = default)
    {
        // Written from the token's callback, which runs inside the server's Cancel: the line is on stderr before the
        // server goes on to stop, however slowly this method's own continuation would be scheduled. Straight to stderr,
        // not through ILogger, whose console writer works from a queue the exiting host may not drain in time.
        using var cancelled = cancellationToken.Register(() => Console.Error.WriteLine("wait_for_cancellation was cancelled"));
        await context.ReportProgressAsync(0, 1);
        await Task.Delay(Timeout.Infinite, cancellationToken);
        return "never";
    }
}
