using System;
using System.Text.Json;
using System.Threading.Tasks;
using McpForge.Server;

namespace McpForge.Tools;

/// <summary>
/// Invokes one tool: binds <paramref name="arguments"/> (the raw UTF-8 JSON of the request's <c>arguments</c>
/// object, empty when absent), runs the method, and writes its result through <see cref="Server.McpCall.BeginResult"/>.
/// Argument problems are reported with <see cref="Server.McpCall.AddArgumentError"/>; the method then does not run.
/// </summary>
public delegate ValueTask McpToolInvoker(McpToolCall call, ReadOnlySpan<byte> arguments);

/// <summary>
/// One tool: its name, its <c>tools/list</c> entry as precomputed UTF-8 JSON, and its invoker.
/// Generated code creates these; <see cref="McpToolSet"/> groups them per class.
/// </summary>
public sealed class McpTool : McpComponent
{
    /// <summary>Creates a tool from its name, its complete <c>tools/list</c> entry and its invoker.</summary>
    /// <param name="name">The tool name, as in the descriptor.</param>
    /// <param name="descriptor">The tool's JSON object as listed by <c>tools/list</c> (name, description, inputSchema, …).</param>
    /// <param name="invoker">Binds arguments, calls the method and writes the result.</param>
    public McpTool(string name, ReadOnlySpan<byte> descriptor, McpToolInvoker invoker) : base(name, descriptor, null)
    {
        Invoker = invoker ?? throw new ArgumentNullException(nameof(invoker));
    }

    /// <summary>Binds, invokes and writes the result.</summary>
    public McpToolInvoker Invoker { get; }

    /// <summary>This tool's own time limit (<c>[McpTool(TimeoutMs = …)]</c>); null uses <see cref="McpServerOptions.ToolTimeout"/>.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>The input schema, parsed from the descriptor (for tests and tooling; the server never needs it).</summary>
    public JsonElement GetInputSchema()
    {
        using var document = JsonDocument.Parse(Descriptor.ToArray());
        return document.RootElement.GetProperty("inputSchema"u8).Clone();
    }
}
