using System;
using System.Globalization;
using System.Text;
using System.Text.Json;
using McpForge.JsonRpc;
using McpForge.Tools;
using McpForge.Transports;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace McpForge.AspNetCore.Transport;

/// <summary>
/// The headers a 2026-07-28 request repeats from its body, so that gateways can route without reading it (MCP 2026-07-28,
/// Streamable HTTP, "Standard Request Headers", "Custom Headers from Tool Parameters"): <c>Mcp-Method</c> on every
/// request, <c>Mcp-Name</c> for <c>tools/call</c>, <c>prompts/get</c> (<c>params.name</c>) and <c>resources/read</c>
/// (<c>params.uri</c>), and <c>Mcp-Param-{Name}</c> for each tool argument marked <c>x-mcp-header</c>. A header that is
/// missing, malformed or different from the body is -32020 (HTTP 400). Header names are case-insensitive, values
/// case-sensitive; whitespace around a value is not part of it; <c>=?base64?…?=</c> carries a value Base64-encoded.
/// </summary>
internal static class ModernHeaders
{
    public static bool Check(HttpRequest request, in McpRequestHeaders headers, in JsonRpcEnvelope envelope, ReadOnlySpan<byte> message, McpServer server,
        out McpRefusal refusal)
    {
        var method = envelope.MethodName;
        if (!TryValue(headers.Method, out var methodHeader, out var problem))
        {
            refusal = Mismatch(problem ?? "The Mcp-Method header is required on every 2026-07-28 request: it names the body's method.");
            return false;
        }
        if (!string.Equals(methodHeader, method, StringComparison.Ordinal))
        {
            refusal = Mismatch($"The Mcp-Method header '{methodHeader}' differs from the body's method '{method}' (values are case-sensitive).");
            return false;
        }
        var isTask = envelope.Method is McpMethod.TasksGet or McpMethod.TasksUpdate or McpMethod.TasksCancel && server.Options.Tasks is not null;
        if (envelope.Method is not (McpMethod.ToolsCall or McpMethod.PromptsGet or McpMethod.ResourcesRead) && !isTask)
        {
            refusal = default;
            return true;
        }

        // The tasks extension routes tasks/get, tasks/update and tasks/cancel by their task (Mcp-Name: params.taskId).
        var field = envelope.Method == McpMethod.ResourcesRead ? "params.uri" : isTask ? "params.taskId" : "params.name";
        var @params = envelope.Params(message);
        // The envelope noted the member's string as it read the message; only a message naming its method after params is walked again.
        if (!envelope.TryGetMcpNameToken(message, out var nameToken))
        {
            nameToken = NameToken(@params, envelope.Method == McpMethod.ResourcesRead ? "uri"u8 : isTask ? "taskId"u8 : "name"u8);
        }
        var nameHeader = headers.Name;
        if (StringValues.IsNullOrEmpty(nameHeader))
        {
            if (!nameToken.IsEmpty)
            {
                refusal = Mismatch($"The Mcp-Name header is required on {method}: it repeats {field}.");
                return false;
            }
        }
        else if (!TryValue(nameHeader, out var name, out problem) || !TokenEquals(nameToken, name))
        {
            refusal = Mismatch(problem ?? $"The Mcp-Name header '{name}' differs from {field} '{TokenText(nameToken)}'.");
            return false;
        }

        if (envelope.Method == McpMethod.ToolsCall && !nameToken.IsEmpty && FindTool(server, nameToken) is { ParamHeaders.Count: > 0 } tool)
        {
            // Only a tool with mirrored arguments costs a parse of its arguments here.
            var arguments = ArgumentsOf(@params);
            using var document = arguments.IsEmpty ? null : JsonDocument.Parse(arguments.ToArray());
            return CheckParams(request, tool, document?.RootElement, out refusal);
        }
        refusal = default;
        return true;
    }

    /// <summary>Each <c>Mcp-Param-{Name}</c> of the tool against the argument it mirrors.</summary>
    private static bool CheckParams(HttpRequest request, McpTool tool, JsonElement? arguments, out McpRefusal refusal)
    {
        foreach (var param in tool.ParamHeaders)
        {
            var header = "Mcp-Param-" + param.Name;
            JsonElement value = default;
            var present = arguments is { ValueKind: JsonValueKind.Object } args && args.TryGetProperty(param.Argument, out value)
                && value.ValueKind != JsonValueKind.Null;
            var sent = request.Headers[header];
            if (StringValues.IsNullOrEmpty(sent))
            {
                if (!present) continue;
                refusal = Mismatch($"The {header} header is required: it repeats the argument '{param.Argument}' of tool '{tool.Name}'.");
                return false;
            }
            if (!TryValue(sent, out var text, out var problem))
            {
                refusal = Mismatch($"The {header} header is malformed: {problem}");
                return false;
            }
            if (!present || !Matches(text, value))
            {
                refusal = Mismatch($"The {header} header '{text}' differs from the argument '{param.Argument}' ({(present ? value.GetRawText() : "absent")}).");
                return false;
            }
        }
        refusal = default;
        return true;
    }

    /// <summary>The header's value against the argument: strings exactly, numbers by value, booleans as <c>true</c>/<c>false</c>.</summary>
    private static bool Matches(string header, JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => string.Equals(header, value.GetString(), StringComparison.Ordinal),
        JsonValueKind.True => header == "true",
        JsonValueKind.False => header == "false",
        JsonValueKind.Number => double.TryParse(header, NumberStyles.Float, CultureInfo.InvariantCulture, out var sent)
            && value.TryGetDouble(out var body) && Math.Abs(sent - body) <= 1e-9 * Math.Max(1, Math.Abs(body)),
        _ => false,
    };

    /// <summary>
    /// One header value, without the whitespace around it, decoded when it is <c>=?base64?…?=</c> (strict Base64 of UTF-8).
    /// False when it is absent, repeated or undecodable (<paramref name="problem"/> says which, or null when absent).
    /// </summary>
    private static bool TryValue(StringValues values, out string value, out string? problem)
    {
        value = "";
        problem = null;
        if (values.Count == 1 && values[0] is { Length: > 0 } single && single[0] is not (' ' or '\t' or '=') && single[^1] is not (' ' or '\t'))
        {
            value = single; // what clients send: one value, no whitespace around it, not Base64 (which starts with "=?")
            return true;
        }
        if (StringValues.IsNullOrEmpty(values)) return false;
        if (values.Count > 1)
        {
            problem = "The header is sent more than once.";
            return false;
        }
        var text = McpRequestHeaders.Trim(values.ToString());
        const string Prefix = "=?base64?", Suffix = "?=";
        if (text.Length >= Prefix.Length + Suffix.Length && text.StartsWith(Prefix, StringComparison.Ordinal) && text.EndsWith(Suffix, StringComparison.Ordinal))
        {
            try
            {
                var bytes = Convert.FromBase64String(text[Prefix.Length..^Suffix.Length]);
                value = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
                return true;
            }
            catch (Exception ex) when (ex is FormatException or ArgumentException)
            {
                problem = $"'{text}' is not valid Base64 of UTF-8 text.";
                return false;
            }
        }
        value = text;
        return true;
    }

    private static McpRefusal Mismatch(string details) => new(JsonRpcErrorCode.HeaderMismatch, StatusCodes.Status400BadRequest, details);

    /// <summary>The JSON string token of <paramref name="member"/> in <paramref name="params"/> (the last string one), or empty.</summary>
    private static ReadOnlySpan<byte> NameToken(ReadOnlySpan<byte> @params, ReadOnlySpan<byte> member) => LastValue(@params, member, stringsOnly: true);

    /// <summary>The value of <c>params.arguments</c> (any JSON), or empty.</summary>
    private static ReadOnlySpan<byte> ArgumentsOf(ReadOnlySpan<byte> @params) => LastValue(@params, "arguments"u8, stringsOnly: false);

    /// <summary>The raw value of the last <paramref name="member"/> of the <paramref name="params"/> object (of a string one only, when asked), or empty.</summary>
    private static ReadOnlySpan<byte> LastValue(ReadOnlySpan<byte> @params, ReadOnlySpan<byte> member, bool stringsOnly)
    {
        var found = ReadOnlySpan<byte>.Empty;
        if (@params.IsEmpty) return found;
        var reader = new Utf8JsonReader(@params);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return found;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isMember = reader.ValueTextEquals(member);
            reader.Read();
            var start = (int)reader.TokenStartIndex;
            var isString = reader.TokenType == JsonTokenType.String;
            reader.Skip();
            if (isMember && (isString || !stringsOnly)) found = @params[start..(int)reader.BytesConsumed];
        }
        return found;
    }

    /// <summary>True when the JSON string <paramref name="token"/> says <paramref name="text"/> (escapes decoded, no allocation).</summary>
    private static bool TokenEquals(ReadOnlySpan<byte> token, string text)
    {
        if (token.IsEmpty) return false;
        var raw = token[1..^1];
        if (raw.IndexOf((byte)'\\') < 0 && Ascii.Equals(raw, text)) return true; // the usual name: ASCII, unescaped
        var reader = new Utf8JsonReader(token);
        reader.Read();
        return reader.ValueTextEquals(text);
    }

    /// <summary>The text of the JSON string <paramref name="token"/>, for an error's details; null when there is none.</summary>
    private static string? TokenText(ReadOnlySpan<byte> token)
    {
        if (token.IsEmpty) return null;
        var reader = new Utf8JsonReader(token);
        reader.Read();
        return reader.GetString();
    }

    /// <summary>The tool the token names: its raw bytes are the name unless it has escapes, which only the rare name has.</summary>
    private static McpTool? FindTool(McpServer server, ReadOnlySpan<byte> token)
    {
        var raw = token[1..^1];
        return raw.IndexOf((byte)'\\') < 0 ? server.FindTool(raw) : server.FindTool(TokenText(token)!);
    }
}
