using System.ComponentModel;
using McpForge.Prompts;

namespace McpForge.Generated;

/// <summary>
/// Implemented by the McpForge generator on every <c>partial</c> class with <c>[McpPrompt]</c> methods;
/// <see cref="McpServerBuilder.AddPrompts{T}"/> requires it.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IMcpPromptType
{
    /// <summary>The class's prompts: descriptors, generated name lookup and generated invokers.</summary>
    static abstract McpPromptSet McpPrompts { get; }
}
