using System;
using System.Text.Json;
using McpForge.JsonRpc;
using McpForge.Serialization;

namespace McpForge.Server;

/// <summary>
/// What every generated invoker sees of a request (a tool call, a prompt rendering): its id, the server's
/// services, the argument problems binding found (it is the <see cref="JsonReadContext"/> its binder reads with),
/// and the writer for its result.
/// </summary>
public abstract class McpCall : JsonReadContext
{
    private MessageBuffer? _result;

    private protected McpCall(McpSession session, RequestId requestId)
    {
        Session = session;
        RequestId = requestId;
    }

    /// <summary>When the call started (<see cref="System.Diagnostics.Stopwatch"/> ticks), for the slow-request warning.</summary>
    internal long StartedAt { get; } = System.Diagnostics.Stopwatch.GetTimestamp();

    private protected McpSession Session { get; }

    /// <summary>The request's id.</summary>
    public RequestId RequestId { get; }

    /// <summary>The caller, as the transport authenticated it (Streamable HTTP with authentication); null over stdio.</summary>
    public System.Security.Claims.ClaimsPrincipal? User { get; internal init; }

    /// <summary>The server's services, for constructor and <see cref="FromServicesAttribute"/> parameters.</summary>
    public IServiceProvider Services => Session.Server.Services;

    /// <summary>
    /// Starts the response and returns the writer for the result object. Generated invokers call it once the
    /// method has returned; a failure after this point is a serialization failure (-32603), not a method error.
    /// </summary>
    public Utf8JsonWriter BeginResult()
    {
        if (_result is not null)
        {
            throw new InvalidOperationException("The result of this call was already started.");
        }
        _result = MessageBuffer.Rent(Session.Server.Options.MaxResponseBytes);
        Tools.ToolResults.t_resultLimit = Session.Server.Options.MaxResponseBytes;
        JsonRpcWriter.StartResult(_result.Json, RequestId);
        return _result.Json;
    }

    internal MessageBuffer? ResultBuffer => _result;

    internal void ReleaseResult()
    {
        _result?.Return();
        _result = null;
    }
}
