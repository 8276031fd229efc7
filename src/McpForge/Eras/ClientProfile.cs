using System;
using System.Threading;
using McpForge.Protocol;
using McpForge.Transports;

namespace McpForge.Eras;

/// <summary>
/// What the server knows of the client a request comes from: the protocol era and version it speaks, what it
/// declared it can do, who it says it is, and which logs it wants. A legacy session keeps one for all its requests
/// (<c>logging/setLevel</c> changes its level); a modern request brings its own in <c>_meta</c>, and nothing of it
/// outlives the request.
/// </summary>
internal sealed class ClientProfile
{
    private const int NoLogs = int.MaxValue;
    private int _logLevel;

    private ClientProfile(ProtocolEra era, string protocolVersion, McpClientCapabilities capabilities, McpClientInfo? clientInfo,
        int logLevel, string[] extensions)
    {
        Era = era;
        ProtocolVersion = protocolVersion;
        Capabilities = capabilities;
        ClientInfo = clientInfo;
        _logLevel = logLevel;
        Extensions = extensions;
        IsServedPerRequest = era == ProtocolEra.Modern && McpProtocolVersions.IsPerRequest(protocolVersion);
    }

    /// <summary>A session's client, as <c>initialize</c> described it; it gets logs at <see cref="McpLogLevel.Info"/> and above until it sets a level.</summary>
    public static ClientProfile Legacy(string protocolVersion, McpClientCapabilities capabilities, McpClientInfo clientInfo) =>
        new(ProtocolEra.Legacy, protocolVersion, capabilities, clientInfo, (int)McpLogLevel.Info, []);

    /// <summary>The client of one modern request, from its <c>_meta</c>; without a <c>logLevel</c> it gets no logs (MCP 2026-07-28, "Logging").</summary>
    public static ClientProfile Modern(in RequestMeta meta) =>
        new(ProtocolEra.Modern, meta.ProtocolVersion, meta.Capabilities, meta.ClientInfo,
            meta.LogLevel is McpLogLevel level ? (int)level : NoLogs, meta.Extensions);

    public ProtocolEra Era { get; }

    /// <summary>True when this is a modern profile with everything <paramref name="meta"/> says (version, capabilities, extensions, client, log level).</summary>
    public bool Describes(in RequestMeta meta) =>
        IsModern
        && string.Equals(ProtocolVersion, meta.ProtocolVersion, StringComparison.Ordinal)
        && Capabilities == meta.Capabilities
        && Extensions.AsSpan().SequenceEqual(meta.Extensions)
        && Equals(ClientInfo, meta.ClientInfo)
        && LogLevel == meta.LogLevel;

    public bool IsModern => Era == ProtocolEra.Modern;

    /// <summary>
    /// True for a modern profile naming a version this server serves per request, found once when the profile is made:
    /// a client repeating its <c>_meta</c> reuses its profile (<see cref="ClientProfileCache"/>), so every request does not look again.
    /// </summary>
    public bool IsServedPerRequest { get; }

    /// <summary>The version agreed at <c>initialize</c>, or the one the modern request names.</summary>
    public string ProtocolVersion { get; }

    /// <summary>What the client declared it can do: the server may only ask it for those.</summary>
    public McpClientCapabilities Capabilities { get; }

    /// <summary>The client's self-reported name and version (optional on modern requests).</summary>
    public McpClientInfo? ClientInfo { get; }

    /// <summary>The ids of the extensions the client declared (<c>capabilities.extensions</c>, 2026-07-28).</summary>
    public string[] Extensions { get; }

    /// <summary>True when the client wants <c>notifications/message</c> at <paramref name="level"/>.</summary>
    public bool WantsLog(McpLogLevel level) => (int)level >= Volatile.Read(ref _logLevel);

    /// <summary>The least severe level the client wants; null when it wants none.</summary>
    public McpLogLevel? LogLevel => Volatile.Read(ref _logLevel) is var level && level == NoLogs ? null : (McpLogLevel)level;

    /// <summary><c>logging/setLevel</c> of a legacy session.</summary>
    public void SetLogLevel(McpLogLevel level)
    {
        if (IsModern) throw new InvalidOperationException("A modern request carries its own log level.");
        Volatile.Write(ref _logLevel, (int)level);
    }
}
