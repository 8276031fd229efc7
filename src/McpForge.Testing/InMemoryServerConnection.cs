using System;
using System.IO;
using System.IO.Pipelines;
using System.Threading.Tasks;

namespace McpForge.Testing;

/// <summary>
/// A server served over two in-memory pipes with stdio framing (<see cref="McpServer.RunAsync"/>): what the client
/// writes to <see cref="ToServer"/> the server reads as its standard input, and what the server writes the client reads
/// from <see cref="FromServer"/>. The server runs exactly as it does over a real stdio process: the same read loop,
/// admission, queueing, draining and message classification; only the bytes never leave the process.
/// </summary>
internal sealed class InMemoryServerConnection
{
    private readonly Pipe _toServer = new();
    private readonly Pipe _fromServer = new();

    private InMemoryServerConnection(McpServer server)
    {
        FromServer = _fromServer.Reader.AsStream();
        Serving = Task.Run(async () =>
        {
            try
            {
                await server.RunAsync(_toServer.Reader.AsStream(), _fromServer.Writer.AsStream()).ConfigureAwait(false);
            }
            finally
            {
                // The client's reader sees the end of the stream once the server has answered everything it read.
                await _fromServer.Writer.CompleteAsync().ConfigureAwait(false);
            }
        });
    }

    /// <summary>Starts serving <paramref name="server"/>.</summary>
    public static InMemoryServerConnection Start(McpServer server) => new(server);

    /// <summary>Where the client writes its messages, one per line.</summary>
    public PipeWriter ToServer => _toServer.Writer;

    /// <summary>What the server writes, one message per line.</summary>
    public Stream FromServer { get; }

    /// <summary>Completes when the server has stopped (its input closed and every request it read is answered).</summary>
    public Task Serving { get; }

    /// <summary>Ends the server's input, as a stdio client closing standard input does: the server drains and stops.</summary>
    public ValueTask CloseInputAsync() => _toServer.Writer.CompleteAsync();
}
