using McpForge;

namespace McpForgeServer;

/// <summary>
/// The server's tools. Every method marked <c>[McpTool]</c> becomes one: its doc comments are the descriptions the
/// model reads, its parameters the input schema. The class is partial because the generator adds to it.
/// </summary>
public sealed partial class Tools
{
    /// <summary>Greets someone by name.</summary>
    /// <param name="name">Who to greet.</param>
    [McpTool("greet", ReadOnly = true)]
    public static string Greet(string name) => $"Hello, {name}!";

    /// <summary>Adds two integers and returns the sum.</summary>
    /// <param name="a">First addend.</param>
    /// <param name="b">Second addend.</param>
    [McpTool("add", ReadOnly = true, Idempotent = true)]
    public static long Add(int a, int b) => (long)a + b;

    /// <summary>Waits, reporting progress, then says how long it waited.</summary>
    /// <param name="seconds">How long to wait, 1 to 10 seconds.</param>
    [McpTool("wait")]
    public static async Task<string> WaitAsync([System.ComponentModel.DataAnnotations.Range(1, 10)] int seconds,
        McpContext context = default!, CancellationToken cancellationToken = default)
    {
        for (var i = 0; i < seconds; i++)
        {
            await context.ReportProgressAsync(i, seconds);
            await Task.Delay(1000, cancellationToken);
        }
        return $"Waited {seconds} s.";
    }
}
