using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Threading;
using System.Threading.Tasks;
using McpForge.Completions;

namespace McpForge.Generated;

/// <summary>
/// Implemented by the McpForge generator on every <c>partial</c> class with <c>[McpCompletion]</c> methods;
/// <see cref="McpServerBuilder.AddCompletions{T}"/> requires it.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IMcpCompletionType
{
    /// <summary>The class's completion methods.</summary>
    static abstract McpCompletionSet McpCompletions { get; }
}
