using System;

namespace McpForge.Transports;

/// <summary>
/// A sink that copies every message into a batch of its own (stdio), and so can take one in two parts: the body of a
/// result, and the end that closes it, encoded once for the server (<see cref="JsonRpc.MessageBuffer.CompleteWith"/>).
/// The end is then copied once, into the batch, rather than first after the body and then with it: for a 2026-07-28
/// result, the hundred bytes or more of <c>resultType</c> and server identity (docs/benchmarks.md, "The fifth round").
/// </summary>
internal interface IMcpSplitMessageSink
{
    /// <summary>Sends the one message that is <paramref name="body"/> followed by <paramref name="end"/>, as <see cref="IMcpMessageSink.Send"/>.</summary>
    void Send(ReadOnlySpan<byte> body, ReadOnlySpan<byte> end, McpMessageRoute route);
}
