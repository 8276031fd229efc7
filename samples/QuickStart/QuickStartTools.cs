using System.Threading;
using System.Threading.Tasks;
using McpForge;

namespace QuickStart;

/// <summary>The benchmark contract (echo, add) and one long-running tool that reports progress.</summary>
public sealed partial class QuickStartTools
{
    /// <summary>Echoes the message back to the client.</summary>
    /// <param name="message">The message to echo.</param>
    [McpTool("echo", ReadOnly = true)]
    public static string Echo(string message) => message;

    /// <summary>Adds two integers and returns the sum.</summary>
    /// <param name="a">First addend.</param>
    /// <param name="b">Second addend.</param>
    [McpTool("add", ReadOnly = true)]
    public static long Add(int a, int b) => (long)a + b;

    /// <summary>Counts down from a number, one step at a time, reporting progress as it goes.</summary>
    /// <param name="from">Where to start counting.</param>
    /// <param name="delayMs">Milliseconds between steps.</param>
    [McpTool(ReadOnly = true, Idempotent = true)]
    public static async Task<string> CountdownAsync(int from, int delayMs = 100, McpContext context = default!, CancellationToken cancellationToken = default)
    {
        for (var i = from; i > 0; i--)
        {
            await context.ReportProgressAsync(from - i, from, $"{i}...");
            await Task.Delay(delayMs, cancellationToken);
        }
        await context.ReportProgressAsync(from, from, "liftoff");
        return "Liftoff after " + from + " steps.";
    }
}
