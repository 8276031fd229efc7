using System;

namespace McpForge.Tasks;

/// <summary>
/// Turns MCP tasks on (<see cref="McpServerOptions.Tasks"/>) and bounds them (docs/tasks.md). With tasks on, a server
/// declares <c>capabilities.tasks</c> to 2025-11-25 sessions and the extension <c>io.modelcontextprotocol/tasks</c> to
/// 2026-07-28 clients, and runs tools marked <c>[McpTool(TaskSupport = …)]</c> as tasks when the client asks for one.
/// </summary>
public sealed class McpTaskOptions
{
    /// <summary>Where tasks are kept; null uses an <see cref="InMemoryMcpTaskStore"/> on the server's <see cref="McpServerOptions.TimeProvider"/>.</summary>
    public IMcpTaskStore? Store { get; set; }

    /// <summary>How long a task and its result are kept from its creation, when the client does not ask (2025-11-25 <c>task.ttl</c>). Default one hour.</summary>
    public TimeSpan DefaultTimeToLive { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The longest time to live a client may ask for; longer requests are cut to this. Default 24 hours.</summary>
    public TimeSpan MaxTimeToLive { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How often clients are told to poll (<c>pollInterval</c>, <c>pollIntervalMs</c>). Default one second.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Unexpired tasks one owner (an authenticated user, or an anonymous connection) may have; one more is refused
    /// (-32004 in a session, -32603 on a 2026-07-28 request). Default 100.
    /// </summary>
    public int MaxTasksPerOwner { get; set; } = 100;

    /// <summary>The largest result a task keeps (its UTF-8 JSON); a larger one ends the task failed with -32603. Default 4 MiB.</summary>
    public int MaxResultBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>Tasks per <c>tasks/list</c> page (2025-11-25). Default 50.</summary>
    public int PageSize { get; set; } = 50;
}
