using System;

namespace McpForge;

/// <summary>
/// Marks a method of a <c>partial</c> class as an MCP tool. The McpForge source generator turns it into a
/// tool descriptor with a precomputed JSON schema, a generated argument binder and a generated result writer.
/// </summary>
/// <remarks>
/// Without a <see cref="Name"/>, the tool is named after the method in snake_case, without an <c>Async</c>
/// suffix (<c>GetForecastAsync</c> becomes <c>get_forecast</c>). The description comes from the method's XML
/// doc comment (<c>&lt;summary&gt;</c>) or a <see cref="System.ComponentModel.DescriptionAttribute"/>.
/// </remarks>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class McpToolAttribute : Attribute
{
    /// <summary>Uses the method name, in snake_case, as the tool name.</summary>
    public McpToolAttribute() { }

    /// <summary>Uses <paramref name="name"/> as the tool name (1–128 of <c>A-Z a-z 0-9 _ - .</c>).</summary>
    public McpToolAttribute(string name) => Name = name;

    /// <summary>The tool name clients call it by.</summary>
    public string? Name { get; }

    /// <summary>A human-readable title for user interfaces.</summary>
    public string? Title { get; set; }

    /// <summary>The tool does not modify its environment (<c>readOnlyHint</c>).</summary>
    public bool ReadOnly { get; set; }

    /// <summary>The tool may perform destructive updates (<c>destructiveHint</c>).</summary>
    public bool Destructive { get; set; }

    /// <summary>Calling the tool twice with the same arguments has no further effect (<c>idempotentHint</c>).</summary>
    public bool Idempotent { get; set; }

    /// <summary>The tool interacts with an open world of external entities (<c>openWorldHint</c>).</summary>
    public bool OpenWorld { get; set; }

    /// <summary>
    /// A JSON Schema, written by hand, sent as the tool's <c>inputSchema</c> in place of the one generated from its
    /// parameters: for schema features the generator does not produce (<c>$schema</c>, <c>$defs</c>, <c>oneOf</c>, …).
    /// It must be a JSON object with <c>"type": "object"</c> (checked at build time, MCPF0023). Arguments are still
    /// bound and checked from the method's parameters, so keep the two in agreement.
    /// </summary>
    public string? InputSchema { get; set; }

    /// <summary>
    /// How long this tool may run, in milliseconds, before the call is answered with -32001 and its token cancelled;
    /// 0 (the default) uses <see cref="McpServerOptions.ToolTimeout"/>.
    /// </summary>
    public int TimeoutMs { get; set; }

    /// <summary>
    /// For a tool returning a user type (a record, class or struct, or a <c>Dictionary&lt;string, T&gt;</c>): list its
    /// <c>outputSchema</c> and return the value as <c>structuredContent</c> beside the same JSON in a text block (the
    /// default). False sends only the text block, for clients that mishandle structured content.
    /// </summary>
    public bool StructuredOutput { get; set; } = true;

    /// <summary>
    /// How long, in milliseconds, a 2026-07-28 client may reuse what this tool gives (its entry in <c>tools/list</c>: <c>ttlMs</c>); unset takes
    /// <see cref="McpServerOptions.CacheTtl"/>, 0 makes it stale at once, a negative value is a build error (MCPF0032).
    /// </summary>
    public long CacheTtlMs { get; set; }

    /// <summary>
    /// Who may reuse what this tool gives (<c>cacheScope</c>); unset takes <see cref="McpServerOptions.CacheScope"/>.
    /// <see cref="McpCacheScope.Public"/> only when it holds nothing user-specific; results are private anyway when the
    /// transport authenticates callers.
    /// </summary>
    public McpCacheScope CacheScope { get; set; }

    /// <summary>
    /// Whether the tool may run as an MCP task, returning a handle at once while the handler goes on (docs/tasks.md):
    /// <see cref="McpTaskSupport.Forbidden"/> (the default), <see cref="McpTaskSupport.Optional"/> or
    /// <see cref="McpTaskSupport.Required"/>. Listed as <c>execution.taskSupport</c> to 2025-11-25 clients.
    /// </summary>
    public McpTaskSupport TaskSupport { get; set; }
}
