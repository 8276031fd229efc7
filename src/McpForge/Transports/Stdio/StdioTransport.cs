using System;
using System.Buffers;
using System.IO;
using System.IO.Pipelines;
using System.Threading;
using System.Threading.Tasks;
using McpForge.Connections;
using McpForge.Server;

namespace McpForge.Transports.Stdio;

/// <summary>
/// The stdio transport: newline-delimited JSON-RPC read with System.IO.Pipelines. Each complete line is handed
/// to the session as it arrives; a line over <see cref="McpServerOptions.MaxMessageBytes"/> is answered with
/// -32600 and skipped up to its newline without being buffered. Requests beyond the connection's slots wait in its
/// queue; when that is full, reading stops until one starts. At end of input, every request already read is
/// answered before this returns.
/// </summary>
internal static class StdioTransport
{
    /// <summary>What a read takes at most unless the input is a pipe made larger (<see cref="McpServerOptions.StdioPipeBytes"/>): what a pipe holds by default.</summary>
    public const int DefaultReadBytes = 64 * 1024;

    /// <summary>
    /// Serves <paramref name="server"/>'s one stdio client until <paramref name="input"/> ends or <paramref name="cancellationToken"/>
    /// fires, taking at most <paramref name="readBytes"/> a read (what the input's pipe holds, so that a full pipe is read whole).
    /// </summary>
    public static async Task RunAsync(McpServer server, Stream input, Stream output, CancellationToken cancellationToken, int readBytes = DefaultReadBytes)
    {
        var sink = new StreamMessageSink(output, server.Options.MaxUnsentBytes);
        var connection = new McpConnection(server, sink);
        server.Attach(connection);
        var reader = PipeReader.Create(input, new StreamPipeReaderOptions(bufferSize: readBytes, minimumReadSize: readBytes / 4, leaveOpen: true));
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
                            connection.RejectOversizedMessage();
                            continue;
                        }
                        Handle(connection, line);
                        if (sink.IsBackedUp)
                        {
                            // The client is not reading what we write: read no more requests until it does.
                            sink.EndBatch();
                            await sink.WaitForRoomAsync().ConfigureAwait(false);
                            sink.BeginBatch();
                        }
                        if (connection.Admission.ShouldPauseReading)
                        {
                            // Every slot is taken and the queue is full: stop reading, so the rest waits in the pipe
                            // (the operating system's buffer, then the client's writes block), not in our memory.
                            sink.EndBatch();
                            await connection.Admission.WaitForQueueSpaceAsync().ConfigureAwait(false);
                            sink.BeginBatch();
                        }
                    }

                    if (buffer.Length > maxBytes || (skippingOversized && !buffer.IsEmpty))
                    {
                        // No newline within the limit: reject once, then drop bytes until the line ends.
                        if (!skippingOversized) connection.RejectOversizedMessage();
                        skippingOversized = true;
                        buffer = buffer.Slice(buffer.End);
                    }
                    else if (result.IsCompleted && !buffer.IsEmpty)
                    {
                        Handle(connection, buffer); // The last message may lack its newline.
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

        // Listen streams end with the transport: gracefully when the server is stopping (the client is still there to
        // read their results), silently when the client closed its end.
        server.EndSubscriptions(connection, graceful: cancellationToken.IsCancellationRequested);
        await DrainAsync(server, connection).ConfigureAwait(false);
        // The stdio server stops with its client: its tasks, which no one can poll any more, end cancelled (docs/tasks.md).
        if (server.Tasks is { } tasks) await tasks.StopAsync().ConfigureAwait(false);
        server.Detach(connection);
        server.FlushTrace();
    }

    /// <summary>
    /// End of input is the client's way to shut a stdio server down (MCP lifecycle, "Shutdown"): requests already read
    /// get <see cref="McpServerOptions.ShutdownTimeout"/> to be answered; what is left then is cancelled (tokens fire,
    /// no responses), so the process exits promptly even with a tool that never returns.
    /// </summary>
    private static async Task DrainAsync(McpServer server, McpConnection connection)
    {
        var admission = connection.Admission;
        var drained = admission.DrainAsync();
        if (drained.IsCompleted || server.Options.ShutdownTimeout is not TimeSpan grace)
        {
            await drained.ConfigureAwait(false);
            return;
        }
        var time = server.Options.TimeProvider;
        if (await Task.WhenAny(drained, Task.Delay(grace, time)).ConfigureAwait(false) == drained) return;
        Diagnostics.McpLog.ShutdownCancelled(server.Logger, admission.Unanswered, grace.TotalMilliseconds);
        admission.DiscardQueued();
        connection.CancelAll();
        // A handler that ignores its token gets a moment more, then is left behind (the process is exiting).
        await Task.WhenAny(drained, Task.Delay(TimeSpan.FromSeconds(1), time)).ConfigureAwait(false);
    }

    private static bool TryReadLine(ref ReadOnlySequence<byte> buffer, out ReadOnlySequence<byte> line)
    {
        SequencePosition? newline;
        if (buffer.IsSingleSegment)
        {
            // The usual case (a read holds many lines): searched 64 bytes a step.
            var at = JsonRpc.ByteBlocks.IndexOfNewline(buffer.FirstSpan);
            newline = at < 0 ? null : buffer.GetPosition(at);
        }
        else
        {
            newline = buffer.PositionOf((byte)'\n');
        }
        if (newline is not SequencePosition end)
        {
            line = default;
            return false;
        }
        line = buffer.Slice(0, end);
        buffer = buffer.Slice(buffer.GetPosition(1, end));
        return true;
    }

    private static void Handle(McpConnection connection, in ReadOnlySequence<byte> line)
    {
        if (Diagnostics.McpTelemetry.BytesReceived.Enabled)
        {
            Diagnostics.McpTelemetry.BytesReceived.Add(line.Length, Diagnostics.McpTelemetry.Tag("network.transport", "pipe"));
        }
        if (line.IsSingleSegment)
        {
            connection.HandleMessage(TrimCarriageReturn(line.FirstSpan));
            return;
        }
        var length = (int)line.Length;
        var rented = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            line.CopyTo(rented);
            connection.HandleMessage(TrimCarriageReturn(rented.AsSpan(0, length)));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private static ReadOnlySpan<byte> TrimCarriageReturn(ReadOnlySpan<byte> line) =>
        line.Length > 0 && line[^1] == (byte)'\r' ? line[..^1] : line;
}
