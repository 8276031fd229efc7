using System;
using System.Collections.Generic;
using System.Text.Json;

namespace McpForge.JsonRpc;

/// <summary>
/// Writes JSON-RPC 2.0 envelopes: the frame of a result, an error (whose <c>data</c> the caller fills, see
/// docs/errors.md) and a notification. What goes inside is the business of <see cref="Dispatch.Responder"/>.
/// </summary>
internal static class JsonRpcWriter
{
    // The envelope's names, encoded once: every message copies them without checking them for escapes.
    private static readonly JsonEncodedText s_jsonrpc = JsonEncodedText.Encode("jsonrpc"u8);
    private static readonly JsonEncodedText s_version = JsonEncodedText.Encode("2.0"u8);
    private static readonly JsonEncodedText s_id = JsonEncodedText.Encode("id"u8);
    private static readonly JsonEncodedText s_result = JsonEncodedText.Encode("result"u8);
    private static readonly JsonEncodedText s_method = JsonEncodedText.Encode("method"u8);
    private static readonly JsonEncodedText s_params = JsonEncodedText.Encode("params"u8);

    /// <summary>Writes <c>{"jsonrpc":"2.0","id":…,"result":</c>; the caller writes the result value and then <see cref="EndMessage"/>.</summary>
    public static void StartResult(Utf8JsonWriter writer, RequestId id)
    {
        writer.WriteStartObject();
        writer.WriteString(s_jsonrpc, s_version);
        writer.WritePropertyName(s_id);
        id.WriteTo(writer);
        writer.WritePropertyName(s_result);
    }

    /// <summary>Writes <c>{"jsonrpc":"2.0","method":…,"params":</c>; the caller writes the params and then <see cref="EndMessage"/>.</summary>
    public static void StartNotification(Utf8JsonWriter writer, ReadOnlySpan<byte> method)
    {
        writer.WriteStartObject();
        writer.WriteString(s_jsonrpc, s_version);
        writer.WriteString(s_method, method);
        writer.WritePropertyName(s_params);
    }

    public static void EndMessage(Utf8JsonWriter writer) => writer.WriteEndObject();

    /// <summary>
    /// Writes an error up to the inside of its <c>data</c> object (<c>{"jsonrpc":"2.0","id":…,"error":{"code":…,"message":…,"data":{</c>);
    /// the caller writes data's members and then <see cref="EndError"/>. The id is <c>null</c> when it could not be read.
    /// </summary>
    public static void StartError(Utf8JsonWriter writer, RequestId id, int code)
    {
        writer.WriteStartObject();
        writer.WriteString(s_jsonrpc, s_version);
        writer.WritePropertyName(s_id);
        id.WriteTo(writer);
        writer.WriteStartObject("error"u8);
        writer.WriteNumber("code"u8, code);
        writer.WriteString("message"u8, MessageFor(code));
        writer.WriteStartObject("data"u8);
    }

    /// <summary>Closes what <see cref="StartError"/> opened.</summary>
    public static void EndError(Utf8JsonWriter writer)
    {
        writer.WriteEndObject(); // data
        writer.WriteEndObject(); // error
        writer.WriteEndObject(); // message
    }

    /// <summary>A whole error whose data is <c>{"details": …}</c> (the transports' own refusals).</summary>
    public static void WriteError(Utf8JsonWriter writer, RequestId id, int code, string details)
    {
        StartError(writer, id, code);
        writer.WriteString("details"u8, details);
        EndError(writer);
    }

    /// <summary><c>"errors": [{"path": …, "message": …}]</c>: every argument problem with its JSON Pointer.</summary>
    public static void WriteArgumentErrors(Utf8JsonWriter writer, IReadOnlyList<ArgumentError> errors)
    {
        writer.WriteStartArray("errors"u8);
        foreach (var error in errors)
        {
            writer.WriteStartObject();
            writer.WriteString("path"u8, error.Path);
            writer.WriteString("message"u8, error.Message);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
    }

    /// <summary>The fixed message of a code, as text (for telemetry).</summary>
    public static string MessageText(int code) => System.Text.Encoding.UTF8.GetString(MessageFor(code));

    /// <summary>The fixed <c>error.message</c> of each code; specifics go in <c>error.data</c>.</summary>
    public static ReadOnlySpan<byte> MessageFor(int code) => code switch
    {
        JsonRpcErrorCode.ParseError => "Parse error"u8,
        JsonRpcErrorCode.InvalidRequest => "Invalid Request"u8,
        JsonRpcErrorCode.MethodNotFound => "Method not found"u8,
        JsonRpcErrorCode.InvalidParams => "Invalid params"u8,
        JsonRpcErrorCode.InternalError => "Internal error"u8,
        JsonRpcErrorCode.ToolExecutionFailed => "Tool execution failed"u8,
        JsonRpcErrorCode.RequestTimeout => "Request timed out"u8,
        JsonRpcErrorCode.ResourceNotFound => "Resource not found"u8,
        JsonRpcErrorCode.UrlElicitationRequired => "URL elicitation required"u8,
        JsonRpcErrorCode.Forbidden => "Forbidden"u8,
        JsonRpcErrorCode.ServerBusy => "Server busy"u8,
        JsonRpcErrorCode.HeaderMismatch => "Header mismatch"u8,
        JsonRpcErrorCode.MissingRequiredClientCapability => "Missing required client capability"u8,
        JsonRpcErrorCode.UnsupportedProtocolVersion => "Unsupported protocol version"u8,
        _ => "Server error"u8,
    };
}
