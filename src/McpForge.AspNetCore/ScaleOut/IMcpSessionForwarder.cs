using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace McpForge.AspNetCore.ScaleOut;

/// <summary>
/// Hands a request for a session owned by another instance to that owner and streams its answer back (SSE included),
/// and tells a request forwarded by another instance from one that merely claims to be. Used with an
/// <see cref="IMcpSessionDirectory"/>; McpForge.AspNetCore.Redis forwards over HTTP with YARP, each forward signed with
/// a key the fleet shares.
/// </summary>
public interface IMcpSessionForwarder
{
    /// <summary>
    /// Sends the request to the instance at <paramref name="owner"/> and copies its response to <paramref name="context"/>.
    /// Whatever it returns other than <see cref="McpForwardResult.Forwarded"/>, nothing was written to the response.
    /// </summary>
    ValueTask<McpForwardResult> ForwardAsync(HttpContext context, Uri owner, CancellationToken cancellationToken);

    /// <summary>Whether the request came from another instance of the fleet, and if so whether its signature holds. No I/O.</summary>
    McpForwardCheck Check(HttpContext context);
}
