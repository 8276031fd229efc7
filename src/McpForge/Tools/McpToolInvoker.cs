using System;
using System.Text.Json;
using System.Threading.Tasks;
using McpForge.Server;

namespace McpForge.Tools;

/// <summary>
/// Invokes one tool: binds <paramref name="arguments"/> (the raw UTF-8 JSON of the request's <c>arguments</c>
/// object, empty when absent), runs the method, and writes its result through <see cref="Server.McpCall.BeginResult"/>.
/// Argument problems are reported with <see cref="Generated.JsonReadContext.AddArgumentError"/>; the method then does not run.
/// </summary>
public delegate ValueTask McpToolInvoker(McpToolCall call, ReadOnlySpan<byte> arguments);
