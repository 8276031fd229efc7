namespace McpForge.Testing;

/// <summary>Which protocol era an <see cref="McpTestClient"/> speaks.</summary>
public enum McpTestProtocol
{
    /// <summary>
    /// A session (MCP 2025-11-25): <c>initialize</c> opens it, capabilities and the log level hold for the session, and
    /// the server's asks (sampling, elicitation, roots) are requests the client answers while the handler waits.
    /// </summary>
    Session,

    /// <summary>
    /// Stateless requests (MCP 2026-07-28): every request carries the protocol version, the client's capabilities and
    /// the log level in its <c>_meta</c>; an ask ends the handler's run with <c>input_required</c>, and the client sends
    /// the request again with the answers, which runs the handler again from the top.
    /// </summary>
    Stateless,
}
