using System;
using System.Collections.Generic;
using McpForge.Protocol;

namespace McpForge.AspNetCore.ScaleOut;

/// <summary>
/// What a fleet keeps of one 2025-11-25 session (<see cref="IMcpSessionDirectory"/>): who owns it at which epoch, and the
/// snapshot another instance restores it from without a new handshake — the user who opened it, the version agreed,
/// the client's <c>initialize</c> params (its capabilities and identity), its log level and its subscriptions. Calls in
/// progress, their streams and the events kept for resumption are not in it: they die with their owner.
/// </summary>
public sealed record McpSessionRecord
{
    /// <summary>The <c>Mcp-Session-Id</c>.</summary>
    public required string SessionId { get; init; }

    /// <summary>The <see cref="IMcpSessionDirectory.InstanceId"/> of the owner.</summary>
    public required string OwnerId { get; init; }

    /// <summary>Starts at 1 and grows by one at each takeover; event ids carry it, so none repeats across owners.</summary>
    public required long Epoch { get; init; }

    /// <summary>Who opened the session (issuer and subject), or null without authentication: only they may use it.</summary>
    public string? Principal { get; init; }

    /// <summary>The protocol version agreed at <c>initialize</c>.</summary>
    public required string ProtocolVersion { get; init; }

    /// <summary>The params of the client's <c>initialize</c> request, as JSON.</summary>
    public required string InitializeParams { get; init; }

    /// <summary>The level of <c>logging/setLevel</c>, or null when the client set none.</summary>
    public McpLogLevel? LogLevel { get; init; }

    /// <summary>The URIs of <c>resources/subscribe</c>.</summary>
    public IReadOnlyList<string> Subscriptions { get; init; } = Array.Empty<string>();
}
