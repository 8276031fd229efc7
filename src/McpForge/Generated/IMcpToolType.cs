using System.ComponentModel;
using McpForge.Tools;

namespace McpForge.Generated;

/// <summary>
/// Implemented by the McpForge generator on every <c>partial</c> class with <c>[McpTool]</c> methods.
/// <see cref="McpServerBuilder.AddTools{T}"/> requires it, so registering a class the generator did not
/// process (not <c>partial</c>, no tools, generator missing) is a compile error, not an empty server.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IMcpToolType
{
    /// <summary>The class's tools: descriptors, generated name lookup and generated invokers.</summary>
    static abstract McpToolSet McpTools { get; }
}
