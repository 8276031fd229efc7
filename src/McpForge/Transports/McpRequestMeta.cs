using System.Diagnostics.CodeAnalysis;
using McpForge.Eras;

namespace McpForge.Transports;

/// <summary>
/// What a 2026-07-28 request's <c>params._meta</c> says of its client (MCP 2026-07-28, "_meta"): the protocol version
/// it claims, its capabilities, who it is and which logs it wants, as <see cref="McpConnection.TryReadModernMeta"/> read
/// it. A transport checks its own headers against <see cref="ProtocolVersion"/> and hands the whole to
/// <see cref="McpConnection.DispatchModern"/>.
/// </summary>
[Experimental(TransportApi.DiagnosticId, UrlFormat = TransportApi.Url)]
public readonly struct McpRequestMeta
{
    internal McpRequestMeta(ClientProfile client) => Client = client;

    /// <summary>The protocol version the request claims (<c>_meta["io.modelcontextprotocol/protocolVersion"]</c>).</summary>
    public string ProtocolVersion => Client?.ProtocolVersion ?? string.Empty;

    /// <summary>The request's client, shared with the requests that repeat its <c>_meta</c> (<see cref="ClientProfileCache"/>).</summary>
    internal ClientProfile Client { get; }
}
