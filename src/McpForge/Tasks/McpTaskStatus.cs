namespace McpForge.Tasks;

/// <summary>Where a task is in its life (the same five states in both protocol eras); the last three never change.</summary>
public enum McpTaskStatus
{
    /// <summary>The handler is running.</summary>
    Working,

    /// <summary>The handler waits for the client's answers (elicitation, sampling, roots).</summary>
    InputRequired,

    /// <summary>The handler returned a result (a 2026-07-28 tool error too: <c>isError</c> is part of the result).</summary>
    Completed,

    /// <summary>The call ended with a JSON-RPC error (and, on 2025-11-25, a tool result with <c>isError</c>).</summary>
    Failed,

    /// <summary>The client cancelled the task (<c>tasks/cancel</c>), its time to live ran out, or the server stopped.</summary>
    Cancelled,
}
