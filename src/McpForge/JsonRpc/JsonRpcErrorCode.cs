namespace McpForge.JsonRpc;

/// <summary>
/// The JSON-RPC error codes McpForge sends (see docs/errors.md). Sessions of 2025-11-25 and earlier get the whole
/// table; 2026-07-28 requests never get a code from -32000 to -32019, nor -32002 or -32042 (MCP 2026-07-28, "Error Codes").
/// </summary>
public static class JsonRpcErrorCode
{
    /// <summary>Not valid JSON, or not valid UTF-8.</summary>
    public const int ParseError = -32700;
    /// <summary>Not a JSON-RPC 2.0 request object, or a message over the size limit.</summary>
    public const int InvalidRequest = -32600;
    /// <summary>An unknown method, or one whose capability the server does not have.</summary>
    public const int MethodNotFound = -32601;
    /// <summary>Parameters that break the method's schema: an unknown tool, a missing name, bad arguments.</summary>
    public const int InvalidParams = -32602;
    /// <summary>An internal error, such as a failed response serialization or a response over the size limit.</summary>
    public const int InternalError = -32603;
    /// <summary>A tool failed, when the server is configured for JSON-RPC tool errors.</summary>
    public const int ToolExecutionFailed = -32000;
    /// <summary>The request timed out.</summary>
    public const int RequestTimeout = -32001;
    /// <summary>The caller may not use the tool, prompt or resource (over HTTP this comes as a 403).</summary>
    public const int Forbidden = -32003;
    /// <summary>
    /// Every request slot is taken and the queue is full, with <see cref="McpServerOptions.WhenBusy"/> set to
    /// <see cref="BusyBehavior.Reject"/> (over HTTP this comes as a 429 with <c>Retry-After</c>).
    /// </summary>
    public const int ServerBusy = -32004;
    /// <summary>The resource was not found.</summary>
    public const int ResourceNotFound = -32002;
    /// <summary>The call needs the user to complete URL-mode elicitations first (2025-11-25).</summary>
    public const int UrlElicitationRequired = -32042;
    /// <summary>2026-07-28 over HTTP: a required header is missing, or differs from the body (HTTP 400).</summary>
    public const int HeaderMismatch = -32020;
    /// <summary>2026-07-28: serving the request needs a client capability the request did not declare (HTTP 400).</summary>
    public const int MissingRequiredClientCapability = -32021;
    /// <summary>2026-07-28: the request names a protocol version the server does not serve per request (HTTP 400).</summary>
    public const int UnsupportedProtocolVersion = -32022;
}
