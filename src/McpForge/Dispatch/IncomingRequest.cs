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

    /// <summary>
    /// For a plain <c>tools/call</c> or <c>prompts/get</c> (<see cref="JsonRpcEnvelope.IsPlainCall"/>): where in
    /// <see cref="Params"/> the string token of its <c>name</c> sits, quotes included, and its length; a length of 0 when
    /// the params are not plain and must be read.
    /// </summary>
    public int PlainNameAt { get; init; }

    public int PlainNameLength { get; init; }

    /// <summary>Where in <see cref="Params"/> the <c>arguments</c> object of a plain call sits; a length of 0 when it has none.</summary>
    public int PlainArgumentsAt { get; init; }

    public int PlainArgumentsLength { get; init; }

    public McpServer Server => Connection.Server;

    public Responder Respond => Connection.Responder;
}
