using System;
using System.Text;
using System.Text.Json;

namespace McpForge.Cli.Protocol;

/// <summary>What kind of JSON-RPC message a line holds.</summary>
internal enum RpcKind
{
    /// <summary>Not a JSON-RPC 2.0 message at all (stray text, broken JSON, a batch).</summary>
    Invalid,
    Request,
    Notification,
    Response,
    Error,
}

/// <summary>
/// The envelope of one JSON-RPC message (kind, id, method, error code), read with one forward pass of
/// <see cref="Utf8JsonReader"/> and no allocation of the message body: the trace proxy reads every message with it.
/// </summary>
internal readonly record struct RpcEnvelope(RpcKind Kind, string? Id, string? Method, int? ErrorCode, string? Name, string? Problem)
{
    /// <summary>Reads the envelope of one message (one line, without its newline).</summary>
    public static RpcEnvelope Read(ReadOnlySpan<byte> utf8)
    {
        try
        {
            return ReadCore(utf8);
        }
        catch (JsonException e)
        {
            return Invalid("not valid JSON: " + e.Message);
        }
    }

    private static RpcEnvelope ReadCore(ReadOnlySpan<byte> utf8)
    {
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = 256 });
        if (!reader.Read()) return Invalid("empty");
        if (reader.TokenType != JsonTokenType.StartObject) return Invalid(reader.TokenType == JsonTokenType.StartArray ? "a JSON array (batch)" : "not a JSON object");

        string? id = null, method = null, name = null, version = null;
        int? errorCode = null;
        bool hasResult = false, hasError = false, hasId = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("jsonrpc"u8))
            {
                reader.Read();
                version = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
            }
            else if (reader.ValueTextEquals("id"u8))
            {
                reader.Read();
                hasId = true;
                id = reader.TokenType switch
                {
                    JsonTokenType.Number => Encoding.UTF8.GetString(reader.ValueSpan),
                    JsonTokenType.String => JsonText.Quote(reader.GetString()!),
                    JsonTokenType.Null => "null",
                    _ => throw new JsonException("id is neither a number nor a string"),
                };
            }
            else if (reader.ValueTextEquals("method"u8))
            {
                reader.Read();
                method = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
            }
            else if (reader.ValueTextEquals("result"u8))
            {
                hasResult = true;
                reader.Read();
                reader.Skip();
            }
            else if (reader.ValueTextEquals("error"u8))
            {
                hasError = true;
                reader.Read();
                errorCode = ReadErrorCode(ref reader);
            }
            else if (reader.ValueTextEquals("params"u8))
            {
                reader.Read();
                name = ReadNameOrUri(ref reader);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        if (version != "2.0") return Invalid("\"jsonrpc\" is not \"2.0\"") with { Id = id, Method = method };
        if (method is not null) return new(hasId ? RpcKind.Request : RpcKind.Notification, id, method, null, name, null);
        if (hasError) return new(RpcKind.Error, id ?? "null", null, errorCode, null, null);
        if (hasResult && hasId) return new(RpcKind.Response, id, null, null, null, null);
        return Invalid("neither a request, a notification nor a response") with { Id = id };
    }

    private static RpcEnvelope Invalid(string problem) => new(RpcKind.Invalid, null, null, null, null, problem);

    private static int? ReadErrorCode(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return null;
        }
        int? code = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isCode = reader.ValueTextEquals("code"u8);
            reader.Read();
            if (isCode && reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var value)) code = value;
            else reader.Skip();
        }
        return code;
    }

    /// <summary>The <c>name</c> (tools/call, prompts/get) or <c>uri</c> (resources/read) of a request's params.</summary>
    private static string? ReadNameOrUri(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return null;
        }
        string? found = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var wanted = reader.ValueTextEquals("name"u8) || reader.ValueTextEquals("uri"u8);
            reader.Read();
            if (wanted && reader.TokenType == JsonTokenType.String) found ??= reader.GetString();
            else reader.Skip();
        }
        return found;
    }
}

/// <summary>A JSON string literal for a value, written by <see cref="Utf8JsonWriter"/> (no serializer, no reflection).</summary>
internal static class JsonText
{
    public static string Quote(string value)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(value.Length + 2);
        using (var writer = new Utf8JsonWriter(buffer)) writer.WriteStringValue(value);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
