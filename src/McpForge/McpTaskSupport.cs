namespace McpForge;

/// <summary>
/// Whether a tool may run as an MCP task (<c>[McpTool(TaskSupport = …)]</c>): the call returns a task handle at once, and
/// the client polls it for the result (docs/tasks.md). Takes effect only on a server with tasks turned on
/// (<see cref="McpServerOptions.Tasks"/>).
/// </summary>
public enum McpTaskSupport
{
    /// <summary>Never a task: the call is answered when the handler returns (the default).</summary>
    Forbidden,

    /// <summary>
    /// A task when the client asks for one (2025-11-25: <c>params.task</c>) or declares the tasks extension (2026-07-28);
    /// otherwise an ordinary call.
    /// </summary>
    Optional,

    /// <summary>
    /// Only as a task: a 2025-11-25 call without <c>params.task</c> gets -32601, a 2026-07-28 request that does not declare
    /// the tasks extension gets -32021 naming it.
    /// </summary>
    Required,
}
