using System.ComponentModel;
using McpForge.Resources;

namespace McpForge.Generated;

/// <summary>
/// Implemented by the McpForge generator on every <c>partial</c> class with <c>[McpResource]</c> methods;
/// <see cref="McpServerBuilder.AddResources{T}"/> requires it.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IMcpResourceType
{
    /// <summary>The class's resources and resource templates, with their generated readers.</summary>
    static abstract McpResourceSet McpResources { get; }
}
