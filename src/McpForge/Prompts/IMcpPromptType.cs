namespace McpForge.Prompts;

/// <summary>
/// Implemented by the McpForge generator on every <c>partial</c> class with <c>[McpPrompt]</c> methods;
/// <see cref="McpServerBuilder.AddPrompts{T}"/> requires it.
/// </summary>
public interface IMcpPromptType
{
    /// <summary>The class's prompts: descriptors, generated name lookup and generated invokers.</summary>
    static abstract McpPromptSet McpPrompts { get; }
}
