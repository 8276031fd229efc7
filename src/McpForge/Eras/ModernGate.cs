using System;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using McpForge.Dispatch;
using McpForge.JsonRpc;
using McpForge.Protocol;
using McpForge.Transports;

namespace McpForge.Eras;

/// <summary>
/// The checks every 2026-07-28 request passes before it is served, in the order the spec and the conformance suite
/// expect (MCP 2026-07-28, "_meta", "Versioning", "Error Codes"); Streamable HTTP puts its header checks between them.
/// </summary>
internal static class ModernGate
{
    /// <summary>
    /// Its <c>_meta</c> is present and well-formed (-32602, HTTP 400); <paramref name="client"/> is what it says of the
    /// client (<see cref="ClientProfileCache"/>: read once while the client repeats it, and taken from the envelope when
    /// the envelope found it repeated).
    /// </summary>
    public static bool CheckMeta(McpServer server, in JsonRpcEnvelope envelope, ReadOnlySpan<byte> message,
        [NotNullWhen(true)] out ClientProfile? client, out McpRefusal refusal)
    {
        if (envelope.KnownMeta is { } known)
        {
            // Found where a well-formed _meta sits (in a params object) and repeating one read before: nothing to check.
            client = known.Profile;
            refusal = default;
            return true;
        }
        var problem = envelope.ParamsStart < 0
            ? "A 2026-07-28 request needs \"params._meta\" with \"io.modelcontextprotocol/protocolVersion\" and \"io.modelcontextprotocol/clientCapabilities\"; this one has no params."
            : message[envelope.ParamsStart] != (byte)'{'
                ? "\"params\" must be an object."
                : envelope.MetaLength == 0
                    ? "A 2026-07-28 request needs \"params._meta\" with \"io.modelcontextprotocol/protocolVersion\" and \"io.modelcontextprotocol/clientCapabilities\"; this one has no \"_meta\"."
                    : null;
        if (problem is null && server.ModernClients.TryGet(envelope.Meta(message), out client, out problem))
        {
            refusal = default;
            return true;
        }
        client = null;
        refusal = new McpRefusal(JsonRpcErrorCode.InvalidParams, 400, problem);
        return false;
    }

    /// <summary>The client's profile names a version served per request (-32022, HTTP 400, listing what is served).</summary>
    public static bool CheckVersion(ClientProfile client, out McpRefusal refusal)
    {
        if (client.IsServedPerRequest)
        {
            refusal = default;
            return true;
        }
        return CheckVersion(client.ProtocolVersion, out refusal);
    }

    /// <summary>It names a version served per request (-32022, HTTP 400, listing what is served).</summary>
    public static bool CheckVersion(string version, out McpRefusal refusal)
    {
        if (McpProtocolVersions.IsPerRequest(version))
        {
            refusal = default;
            return true;
        }
        var details = McpProtocolVersions.IsSession(version)
            ? $"Protocol version '{version}' is reached through initialize, not per request; per request this server serves {string.Join(", ", McpProtocolVersions.PerRequest.ToArray())}."
            : $"Protocol version '{version}' is not supported; per request this server serves {string.Join(", ", McpProtocolVersions.PerRequest.ToArray())}.";
        refusal = new McpRefusal(JsonRpcErrorCode.UnsupportedProtocolVersion, 400, details, version);
        return false;
    }

    /// <summary>
    /// The method exists for modern clients: known, not removed in 2026-07-28 (<c>initialize</c>, <c>ping</c>,
    /// <c>logging/setLevel</c>, <c>resources/subscribe</c>, …), and of a capability the server has (-32601, HTTP 404).
    /// </summary>
    public static bool CheckMethod(McpServer server, in JsonRpcEnvelope envelope, out McpRefusal refusal)
    {
        var method = envelope.Method;
        var info = MethodTable.Get(method);
        if (method != McpMethod.Unknown && info.Has(MethodTraits.Modern) && ServerCapabilities.Has(server, info.Feature))
        {
            refusal = default;
            return true;
        }
        var name = method == McpMethod.Unknown ? envelope.UnknownMethodName ?? "" : info.Name;
        refusal = new McpRefusal(JsonRpcErrorCode.MethodNotFound, 404, null, name);
        return false;
    }
}
