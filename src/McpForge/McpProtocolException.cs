using System;

namespace McpForge;

/// <summary>
/// Thrown by a tool whose call must end with a JSON-RPC error rather than a tool result: the call is answered with
/// <see cref="Code"/>, the code's fixed <c>message</c> and <c>data.details</c> (docs/errors.md). A task whose handler
/// throws it ends <c>failed</c> with that error (docs/tasks.md). Anything else a tool throws is a tool error the model
/// reads (<c>isError</c>). A 2026-07-28 request must not get a code from -32000 to -32019: those are sent as -32603.
/// </summary>
public sealed class McpProtocolException : Exception
{
    /// <summary>The call ends with JSON-RPC error <paramref name="code"/> saying <paramref name="details"/>.</summary>
    public McpProtocolException(int code, string details, Exception? innerException = null) : base(details, innerException)
    {
        Code = code;
    }

    /// <summary>The JSON-RPC error code (for example <see cref="JsonRpc.JsonRpcErrorCode.InternalError"/>).</summary>
    public int Code { get; }
}
