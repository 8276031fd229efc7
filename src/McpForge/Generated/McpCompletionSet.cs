using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Threading;
using System.Threading.Tasks;
using McpForge.Completions;

namespace McpForge.Generated;

/// <summary>The completion methods of one class.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class McpCompletionSet(McpCompletion[] completions)
{
    /// <summary>The completions, in declaration order.</summary>
    public ReadOnlySpan<McpCompletion> Completions => completions;
}
