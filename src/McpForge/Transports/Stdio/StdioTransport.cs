using System;
using System.Buffers;
using System.IO;
using System.IO.Pipelines;
using System.Threading;
using System.Threading.Tasks;
using McpForge.Server;

namespace McpForge.Transports.Stdio;

/// <summary>
/// The stdio transport: newline-delimited JSON-RPC read with System.IO.Pipelines. Each complete line is handed
/// to the session as it arrives; a line over <see cref="McpServerOptions.MaxMessageBytes"/> is answered with
/// -32600 and skipped up to its newline without being buffered. Requests beyond the session's slots wait in its
/// queue; when that is full, reading stops until one starts. At end of input, every request already read is
/// answered before this returns.
/// </summary>
internal static class StdioTransport
{
    public static async Task RunAsync(McpServer server, Stream input, Stream output, CancellationToken cancellationToken)
    {
        var sink = new StreamMessageSink(output);
        var session = new McpSession(server, sink);
        server.Attach(session);
        var reader = PipeReader.Create(input, new StreamPipeReaderOptions(bufferSize: 64 * 1024, minimumReadSize: 16 * 1024, leaveOpen: true));
        var maxBytes = server.Options.MaxMessageBytes;
        var skippingOversized = false;
        try
        {
            while (true)
            {
                ReadResult result;
                try
                {
                    result = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    break;
                }
                catch (IOException)
                {
                    break; // The input broke: treat it as closed.
                }

                var buffer = result.Buffer;
                sink.BeginBatch();
                try
                {
                    while (TryReadLine(ref buffer, out var line))
                    {
                        if (skippingOversized)
                        {
                            skippingOversized = false; // This was the tail of a line already rejected.
                            continue;
                        }
                        if (line.Length > maxBytes)
                        {
                            session.RejectOversizedMessage();
                            continue;
                        }
                        Handle(session, line);
                        if (session.ShouldPauseReading)
                        {
                            // Every slot is taken and the queue is full: stop reading, so the rest waits in the pipe
                            // (the operating system's buffer, then the client's writes block), not in our memory.
                            sink.EndBatch();
                            await session.WaitForQueueSpaceAsync().ConfigureAwait(false);
                            sink.BeginBatch();
                        }
                    }

                    if (buffer.Length > maxBytes || (skippingOversized && !buffer.IsEmpty))
                    {
                        // No newline within the limit: reject once, then drop bytes until the line ends.
                        if (!skippingOversized) session.RejectOversizedMessage();
                        skippingOversized = true;
                        buffer = buffer.Slice(buffer.End);
                    }
                    else if (result.IsCompleted && !buffer.IsEmpty)
                    {
                        Handle(session, buffer); // The last message may lack its newline.
                        buffer = buffer.Slice(buffer.End);
                    }
                }
                finally
                {
                    sink.EndBatch();
                }

                reader.AdvanceTo(buffer.Start, buffer.End);
                if (result.IsCompleted) break;
            }
        }
        finally
        {
            await reader.CompleteAsync().ConfigureAwait(false);
        }

        await session.DrainAsync().ConfigureAwait(false);
        server.Detach(session);
        server.FlushTrace();
    }

    private static bool TryReadLine(ref ReadOnlySequence<byte> buffer, out ReadOnlySequence<byte> line)
    {
        var newline = buffer.PositionOf((byte)'\n');
        if (newline is not SequencePosition end)
        {
            line = default;
            return false;
        }
        line = buffer.Slice(0, end);
        buffer = buffer.Slice(buffer.GetPosition(1, end));
        return true;
    }

    private static void Handle(McpSession session, in ReadOnlySequence<byte> line)
    {
        if (Diagnostics.McpTelemetry.BytesReceived.Enabled)
        {
            Diagnostics.McpTelemetry.BytesReceived.Add(line.Length, Diagnostics.McpTelemetry.Tag("network.transport", "pipe"));
        }
        if (line.IsSingleSegment)
        {
            session.HandleMessage(TrimCarriageReturn(line.FirstSpan));
            return;
        }
        var length = (int)line.Length;
        var rented = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            line.CopyTo(rented);
            session.HandleMessage(TrimCarriageReturn(rented.AsSpan(0, length)));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private static ReadOnlySpan<byte> TrimCarriageReturn(ReadOnlySpan<byte> line) =>
        line.Length > 0 && line[^1] == (byte)'\r' ? line[..^1] : line;
}
