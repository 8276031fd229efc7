using System;
using McpForge;

await McpServer.CreateBuilder("stdio-fixture", "1.0.0")
    .AddTools<NoisyTools>()
    .Build()
    .RunStdioAsync();

/// <summary>Tools that write to the console, the most common way a stdio server corrupts its own stream.</summary>
public sealed partial class NoisyTools
{
    /// <summary>Writes to Console.Out and Console.Write, then returns the text.</summary>
    /// <param name="text">What to say.</param>
    [McpTool("shout")]
    public static string Shout(string text)
    {
#pragma warning disable MCPF0011 // Writing to stdout on purpose: the test proves the server keeps it off the wire.
        Console.WriteLine("stray Console.WriteLine: " + text);
        Console.Out.Write("stray Console.Out.Write\n");
        Console.Out.Flush();
        // A write from another thread while the server runs, as background work in a real server does.
        System.Threading.Tasks.Task.Run(() => Console.WriteLine("stray write from a background thread")).Wait();
#pragma warning restore MCPF0011
        return text.ToUpperInvariant();
    }

    /// <summary>Fails, so the server logs the exception.</summary>
    [McpTool("fail")]
    public static string Fail() => throw new InvalidOperationException("the disk is full");
}
