using System;
using System.Text.Json;
using McpForge.JsonRpc;
using McpForge.Transports;

namespace McpForge.Dispatch;

/// <summary>Starts reading a request's <c>params</c>, which must be an object (absent params read as <c>{}</c>).</summary>
internal static class ParamsReader
{
    /// <summary>A reader on the params object's start; false, with -32602 answered, when params are not an object.</summary>
    public static bool TryStart(McpConnection connection, RequestId id, ReadOnlySpan<byte> @params, out Utf8JsonReader reader)
    {
        reader = new Utf8JsonReader(@params.IsEmpty ? "{}"u8 : @params);
        reader.Read();
        if (reader.TokenType == JsonTokenType.StartObject) return true;
        connection.Responder.Error(id, JsonRpcErrorCode.InvalidParams, "\"params\" must be an object.");
        return false;
    }

    /// <summary>The <c>_meta.progressToken</c> of the <c>_meta</c> object at the reader (skipped whole), or none.</summary>
    public static RequestId ReadProgressToken(ref Utf8JsonReader reader)
    {
        RequestId token = default;
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return token;
        }
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isToken = reader.ValueTextEquals("progressToken"u8);
            reader.Read();
            if (isToken && RequestId.TryRead(ref reader, out var value)) token = value;
            reader.Skip();
        }
        return token;
    }
}
