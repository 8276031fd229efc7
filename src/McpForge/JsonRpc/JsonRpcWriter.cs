using System;
using System.Collections.Generic;
using System.Text.Json;

namespace McpForge.JsonRpc;

/// <summary>Writes JSON-RPC 2.0 envelopes: results, errors (with the <c>data</c> shapes of docs/errors.md) and notifications.</summary>
internal static class JsonRpcWriter
{
    /// <summary>Writes <c>{"jsonrpc":"2.0","id":…,"result":</c>; the caller writes the result value and then <see cref="EndMessage"/>.</summary>
    public static void StartResult(Utf8JsonWriter writer, RequestId id)
    {
        writer.WriteStartObject();
        writer.WriteString("jsonrpc"u8, "2.0"u8);
        writer.WritePropertyName("id"u8);
        id.WriteTo(writer);
        writer.WritePropertyName("result"u8);
    }

    /// <summary>Writes <c>{"jsonrpc":"2.0","method":…,"params":</c>; the caller writes the params and then <see cref="EndMessage"/>.</summary>
    public static void StartNotification(Utf8JsonWriter writer, ReadOnlySpan<byte> method)
    {
        writer.WriteStartObject();
        writer.WriteString("jsonrpc"u8, "2.0"u8);
        writer.WriteString("method"u8, method);
        writer.WritePropertyName("params"u8);
    }

    public static void EndMessage(Utf8JsonWriter writer) => writer.WriteEndObject();

    /// <summary>An error whose data is <c>{"details": …}</c>.</summary>
    public static void WriteError(Utf8JsonWriter writer, RequestId id, int code, string details)
    {
        StartError(writer, id, code);
        writer.WriteString("details"u8, details);
        EndError(writer);
    }

    /// <summary>-32601 with <c>{"method": …}</c>.</summary>
    public static void WriteMethodNotFound(Utf8JsonWriter writer, RequestId id, string method)
    {
        StartError(writer, id, JsonRpcErrorCode.MethodNotFound);
        writer.WriteString("method"u8, method);
        EndError(writer);
    }

    /// <summary>-32602 with <c>{"details": …, "errors": [{"path": …, "message": …}]}</c>.</summary>
    public static void WriteInvalidArguments(Utf8JsonWriter writer, RequestId id, string details, IReadOnlyList<ArgumentError> errors)
    {
        StartError(writer, id, JsonRpcErrorCode.InvalidParams);
        writer.WriteString("details"u8, details);
        WriteArgumentErrors(writer, errors);
        EndError(writer);
    }

    /// <summary>-32002 with <c>{"uri": …}</c>.</summary>
    public static void WriteResourceNotFound(Utf8JsonWriter writer, RequestId id, string uri)
    {
        StartError(writer, id, JsonRpcErrorCode.ResourceNotFound);
        writer.WriteString("uri"u8, uri);
        EndError(writer);
    }

    /// <summary>-32001 with <c>{"details": …, "timeoutMs": …}</c>.</summary>
    public static void WriteTimeout(Utf8JsonWriter writer, RequestId id, string details, long timeoutMs)
    {
        StartError(writer, id, JsonRpcErrorCode.RequestTimeout);
        writer.WriteString("details"u8, details);
        writer.WriteNumber("timeoutMs"u8, timeoutMs);
        EndError(writer);
    }

    /// <summary>-32042 with <c>{"elicitations": [{"mode": "url", …}]}</c>.</summary>
    public static void WriteUrlElicitationRequired(Utf8JsonWriter writer, RequestId id, IReadOnlyList<Protocol.UrlElicitation> elicitations)
    {
        StartError(writer, id, JsonRpcErrorCode.UrlElicitationRequired);
        writer.WriteStartArray("elicitations"u8);
        foreach (var elicitation in elicitations) elicitation.WriteParams(writer);
        writer.WriteEndArray();
        EndError(writer);
    }

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

    private static void StartError(Utf8JsonWriter writer, RequestId id, int code)
    {
        writer.WriteStartObject();
        writer.WriteString("jsonrpc"u8, "2.0"u8);
        writer.WritePropertyName("id"u8);
        id.WriteTo(writer);
        writer.WriteStartObject("error"u8);
        writer.WriteNumber("code"u8, code);
        writer.WriteString("message"u8, MessageFor(code));
        writer.WriteStartObject("data"u8);
    }

    private static void EndError(Utf8JsonWriter writer)
    {
        writer.WriteEndObject(); // data
        writer.WriteEndObject(); // error
        writer.WriteEndObject(); // message
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
        _ => "Server error"u8,
    };
}
