using System;

namespace McpForge;

/// <summary>The client answered a request of the server with a JSON-RPC error.</summary>
public sealed class McpClientException(int code, string message) : Exception(message)
{
    /// <summary>The error's code.</summary>
    public int Code { get; } = code;
}
