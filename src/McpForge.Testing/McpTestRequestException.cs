using System;
using System.Text.Json;

namespace McpForge.Testing;

/// <summary>The server answered a request with a JSON-RPC error.</summary>
public sealed class McpTestRequestException : Exception
{
    /// <summary>Creates the exception for the error <paramref name="code"/> of <paramref name="method"/>.</summary>
    public McpTestRequestException(string method, int code, string message, JsonElement? data)
        : base($"'{method}' failed with {code}: {message}" + (DetailsOf(data) is { } details ? " (" + details + ")" : ""))
    {
        Method = method;
        Code = code;
        ErrorMessage = message;
        Data = data;
    }

    /// <summary>The method of the request that failed.</summary>
    public string Method { get; }

    /// <summary>The JSON-RPC error code (for example -32602 for invalid params, -32002 for an unknown resource in a session).</summary>
    public int Code { get; }

    /// <summary>The error's <c>message</c>, as the server wrote it.</summary>
    public string ErrorMessage { get; }

    /// <summary>The error's <c>data</c>, when it has some.</summary>
    public new JsonElement? Data { get; }

    /// <summary>The error's <c>data.details</c>, McpForge's explanation of what was wrong, when it has one.</summary>
    public string? Details => DetailsOf(Data);

    private static string? DetailsOf(JsonElement? data) =>
        data is { ValueKind: JsonValueKind.Object } value && value.TryGetProperty("details"u8, out var details) && details.ValueKind == JsonValueKind.String
            ? details.GetString()
            : null;
}
