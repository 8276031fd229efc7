using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using McpForge.Protocol;
using McpForge.Server;

namespace McpForge.Resources;

/// <summary>
/// Reads a resource: converts the template's <paramref name="variables"/> (in template order; empty for a fixed
/// resource) to the method's parameters, runs it, and writes the <c>ReadResourceResult</c> through
/// <see cref="McpCall.BeginResult"/>.
/// </summary>
public delegate ValueTask McpResourceReader(McpResourceCall call, ReadOnlySpan<string?> variables);
