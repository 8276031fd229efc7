using System;

namespace McpForge;

/// <summary>
/// Marks a method of a <c>partial</c> class as an MCP prompt template. The generator lists it in
/// <c>prompts/list</c> with its arguments, and binds the arguments of <c>prompts/get</c> to the parameters.
/// </summary>
/// <remarks>
/// Without a <see cref="Name"/>, the prompt is named after the method in snake_case, without an <c>Async</c>
/// suffix. The description comes from the XML doc comment or <see cref="System.ComponentModel.DescriptionAttribute"/>.
/// Return a <c>string</c> (one user message), a <c>PromptMessage</c>, a list of them, or a <c>GetPromptResult</c>.
/// </remarks>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class McpPromptAttribute : Attribute
{
    /// <summary>Uses the method name, in snake_case, as the prompt name.</summary>
    public McpPromptAttribute() { }

    /// <summary>Uses <paramref name="name"/> as the prompt name.</summary>
    public McpPromptAttribute(string name) => Name = name;

    /// <summary>The prompt name clients get it by.</summary>
    public string? Name { get; }

    /// <summary>A human-readable title for user interfaces.</summary>
    public string? Title { get; set; }

    /// <summary>
    /// How long, in milliseconds, a 2026-07-28 client may reuse what this prompt gives (its entry in <c>prompts/list</c>: <c>ttlMs</c>); unset takes
    /// <see cref="McpServerOptions.CacheTtl"/>, 0 makes it stale at once, a negative value is a build error (MCPF0032).
    /// </summary>
    public long CacheTtlMs { get; set; }

    /// <summary>
    /// Who may reuse what this prompt gives (<c>cacheScope</c>); unset takes <see cref="McpServerOptions.CacheScope"/>.
    /// <see cref="McpCacheScope.Public"/> only when it holds nothing user-specific; results are private anyway when the
    /// transport authenticates callers.
    /// </summary>
    public McpCacheScope CacheScope { get; set; }
}
