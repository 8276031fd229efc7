using System;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using McpForge.Cli.Protocol;

namespace McpForge.Cli.Client;

/// <summary>One message (or, over stdio, one stray line) the server sent, as received.</summary>
internal sealed record Incoming(byte[] Bytes, RpcEnvelope Envelope, DateTime ReceivedAt);

/// <summary>A transport to one MCP server: stdio (a child process) or Streamable HTTP.</summary>
internal interface IMcpConnection : IAsyncDisposable
{
    /// <summary>"stdio: dotnet app.dll" or "http: https://host/mcp", for reports.</summary>
    string Description { get; }

    /// <summary>Everything the server sends, in order of arrival; completes when the server goes away.</summary>
    ChannelReader<Incoming> Received { get; }

    /// <summary>Sends one JSON-RPC message (without a trailing newline). Over HTTP, a failed POST throws <see cref="HttpStatusException"/>.</summary>
    Task SendAsync(ReadOnlyMemory<byte> message, CancellationToken cancellationToken);

    /// <summary>The protocol version to announce on later requests (the HTTP transport sends it as a header).</summary>
    string? ProtocolVersion { get; set; }
}
