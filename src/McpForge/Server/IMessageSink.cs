using System;

namespace McpForge.Server;

/// <summary>Where a session sends outgoing messages. Each call carries one complete JSON-RPC message.</summary>
internal interface IMessageSink
{
    /// <summary>Sends one complete message (JSON, without framing). Safe to call from any thread.</summary>
    void Send(ReadOnlySpan<byte> message);
}
