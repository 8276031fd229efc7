using System;
using McpForge.Eras;
using McpForge.JsonRpc;
using McpForge.Server;
using McpForge.Transports;

namespace McpForge.Dispatch;

/// <summary>
/// One request as the method handlers see it, whatever its era: where it came from, who sent it, what the server knows
/// of the client for it (<see cref="ClientProfile"/>), and its params, which are only valid until the handler first
/// awaits (they sit in the transport's buffer).
/// </summary>
internal readonly ref struct IncomingRequest
{
    public McpConnection Connection { get; init; }

    public RequestId Id { get; init; }

    public McpMethod Method { get; init; }

    public ClientProfile Client { get; init; }

    public McpCaller Caller { get; init; }

    public ReadOnlySpan<byte> Params { get; init; }

    /// <summary>
    /// Where in <see cref="Params"/> the <c>_meta</c> the envelope found repeating the known one starts
    /// (<see cref="JsonRpcEnvelope.KnownMeta"/>), and its length; a length of 0 when there is none. Params readers step
    /// over it unread.
    /// </summary>
    public int KnownMetaAt { get; init; }

    public int KnownMetaLength { get; init; }

    public McpServer Server => Connection.Server;

    public Responder Respond => Connection.Responder;
}
