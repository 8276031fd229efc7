using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using McpForge.Server;

namespace McpForge.Prompts;

/// <summary>
/// Renders one prompt: binds <paramref name="arguments"/> (the raw UTF-8 JSON of the request's <c>arguments</c>
/// object, whose values are strings; empty when absent), runs the method, and writes the <c>GetPromptResult</c>
/// through <see cref="Server.McpCall.BeginResult"/>.
/// </summary>
public delegate ValueTask McpPromptInvoker(McpPromptCall call, ReadOnlySpan<byte> arguments);
