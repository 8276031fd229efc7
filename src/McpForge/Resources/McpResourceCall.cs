using System.Threading;
using McpForge.JsonRpc;
using McpForge.Server;

namespace McpForge.Resources;

/// <summary>One <c>resources/read</c> in progress, as generated readers see it.</summary>
public sealed class McpResourceCall : McpCall
{
    internal McpResourceCall(McpSession session, string uri, RequestId requestId, CancellationToken cancellationToken)
        : base(session, requestId)
    {
        Uri = uri;
        CancellationToken = cancellationToken;
    }

    /// <summary>The URI being read.</summary>
    public string Uri { get; }

    /// <summary>Cancelled when the session ends.</summary>
    public CancellationToken CancellationToken { get; }

    /// <summary>The most bytes a stream or file read may produce (<see cref="McpServerOptions.MaxResourceBytes"/>).</summary>
    internal long MaxResourceBytes => Session.Server.Options.MaxResourceBytes;
}
