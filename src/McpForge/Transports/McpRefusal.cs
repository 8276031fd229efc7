using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using McpForge.JsonRpc;
using McpForge.Protocol;

namespace McpForge.Transports;

/// <summary>
/// Why a request is refused before it runs: the JSON-RPC code, the HTTP status the spec gives it, and what its
/// <c>data</c> names (the unknown method, the unsupported version). <c>default</c> (code 0) refuses nothing.
/// </summary>
/// <param name="code">The JSON-RPC error code (<see cref="JsonRpcErrorCode"/>).</param>
/// <param name="httpStatus">The HTTP status a transport over HTTP answers with.</param>
/// <param name="details">What <c>error.data.details</c> says, or null.</param>
/// <param name="subject">The unknown method (-32601) or the unsupported version (-32022), or null.</param>
[Experimental(TransportApi.DiagnosticId, UrlFormat = TransportApi.Url)]
public readonly struct McpRefusal(int code, int httpStatus, string? details, string? subject = null)
{
    /// <summary>The JSON-RPC error code (<see cref="JsonRpcErrorCode"/>); 0 for no refusal.</summary>
    public int Code { get; } = code;

    /// <summary>The HTTP status a transport over HTTP answers with.</summary>
    public int HttpStatus { get; } = httpStatus;

    /// <summary>What <c>error.data.details</c> says, or null.</summary>
    public string? Details { get; init; } = details;

    /// <summary>The unknown method (-32601) or the unsupported version (-32022), or null.</summary>
    public string? Subject { get; } = subject;

    /// <summary>Writes the whole JSON-RPC error response to request <paramref name="id"/>.</summary>
    public void WriteResponse(Utf8JsonWriter writer, RequestId id)
    {
        JsonRpcWriter.StartError(writer, id, Code);
        if (Details is not null) writer.WriteString("details"u8, Details);
        WriteData(writer, this);
        JsonRpcWriter.EndError(writer);
    }

    /// <summary>Writes the members of <c>error.data</c> beyond <c>details</c>.</summary>
    internal static void WriteData(Utf8JsonWriter w, McpRefusal refusal)
    {
        switch (refusal.Code)
        {
            case JsonRpcErrorCode.MethodNotFound:
                w.WriteString("method"u8, refusal.Subject);
                break;
            case JsonRpcErrorCode.UnsupportedProtocolVersion:
                w.WriteStartArray("supported"u8);
                foreach (var version in McpProtocolVersions.PerRequest) w.WriteStringValue(version);
                w.WriteEndArray();
                w.WriteString("requested"u8, refusal.Subject);
                break;
        }
    }
}
