using System;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;

namespace McpForge.AspNetCore.Tests.Harness;

/// <summary>
/// Requests as a 2026-07-28 client sends them over Streamable HTTP: the per-request <c>_meta</c> in the body, and the
/// headers that repeat it (<c>MCP-Protocol-Version</c>, <c>Mcp-Method</c>, <c>Mcp-Name</c>). Tests take the well-formed
/// request and break one thing at a time.
/// </summary>
internal static class Modern
{
    public const string Version = "2026-07-28";

    /// <summary><c>"_meta":{…}</c> with the two required fields (and <paramref name="extra"/> members, raw JSON, when given).</summary>
    public static string Meta(string capabilities = "{}", string version = Version, string? extra = null) =>
        "\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":" + JsonSerializer.Serialize(version)
        + ",\"io.modelcontextprotocol/clientCapabilities\":" + capabilities + (extra is null ? "" : "," + extra) + "}";

    /// <summary>
    /// A request whose params are <paramref name="params"/> (a JSON object) with the modern <c>_meta</c> added first;
    /// <paramref name="id"/> is raw JSON (<c>1</c>, <c>"a"</c>).
    /// </summary>
    public static string Request(string id, string method, string @params = "{}", string capabilities = "{}", string? metaExtra = null) =>
        "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"" + method + "\",\"params\":" + WithMeta(@params, Meta(capabilities, extra: metaExtra)) + "}";

    /// <summary>A tools/call of <paramref name="tool"/>.</summary>
    public static string Call(string id, string tool, string arguments = "{}", string capabilities = "{}", string? more = null) =>
        Request(id, "tools/call", "{\"name\":\"" + tool + "\",\"arguments\":" + arguments + (more is null ? "" : "," + more) + "}", capabilities);

    /// <summary>Puts <paramref name="meta"/> (<c>"_meta":{…}</c>) first in the params object.</summary>
    public static string WithMeta(string @params, string meta)
    {
        var trimmed = @params.Trim();
        return trimmed == "{}" ? "{" + meta + "}" : "{" + meta + "," + trimmed[1..];
    }

    /// <summary>
    /// A POST of <paramref name="json"/> with the headers a 2026-07-28 client derives from it: <c>MCP-Protocol-Version</c>
    /// (from <c>_meta</c>), <c>Mcp-Method</c>, and <c>Mcp-Name</c> for tools/call, prompts/get and resources/read. Then
    /// <paramref name="edit"/> may remove or change any of them.
    /// </summary>
    public static HttpRequestMessage PostModern(this McpTestHost host, string json, Action<HttpRequestHeaders>? edit = null,
        string accept = "application/json, text/event-stream")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, host.Endpoint) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("Accept", accept);
        using (var document = JsonDocument.Parse(json))
        {
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object)
            {
                var @params = root.TryGetProperty("params", out var p) && p.ValueKind == JsonValueKind.Object ? p : default;
                if (@params.ValueKind == JsonValueKind.Object && @params.TryGetProperty("_meta", out var meta) && meta.ValueKind == JsonValueKind.Object
                    && meta.TryGetProperty("io.modelcontextprotocol/protocolVersion", out var version) && version.ValueKind == JsonValueKind.String)
                {
                    request.Headers.TryAddWithoutValidation("MCP-Protocol-Version", version.GetString());
                }
                else
                {
                    request.Headers.TryAddWithoutValidation("MCP-Protocol-Version", Version);
                }
                if (root.TryGetProperty("method", out var method) && method.ValueKind == JsonValueKind.String)
                {
                    request.Headers.TryAddWithoutValidation("Mcp-Method", method.GetString());
                    var nameField = method.GetString() switch
                    {
                        "tools/call" or "prompts/get" => "name",
                        "resources/read" => "uri",
                        _ => null,
                    };
                    if (nameField is not null && @params.ValueKind == JsonValueKind.Object && @params.TryGetProperty(nameField, out var name)
                        && name.ValueKind == JsonValueKind.String)
                    {
                        request.Headers.TryAddWithoutValidation("Mcp-Name", name.GetString());
                    }
                }
            }
        }
        edit?.Invoke(request.Headers);
        return request;
    }

    /// <summary>Sends a modern POST and reads the whole answer.</summary>
    public static async Task<McpAnswer> SendModernAsync(this McpTestHost host, string json, Action<HttpRequestHeaders>? edit = null,
        string accept = "application/json, text/event-stream")
    {
        using var request = host.PostModern(json, edit, accept);
        return await host.ReadAsync(request);
    }

    /// <summary>Sends a request and reads the whole answer.</summary>
    public static Task<McpAnswer> ReadAsync(this McpTestHost host, HttpRequestMessage request) => host.Mcp.ExchangeAsync(request);

    /// <summary>Replaces header <paramref name="name"/> (or removes it, for null).</summary>
    public static void Set(this HttpRequestHeaders headers, string name, string? value)
    {
        headers.Remove(name);
        if (value is not null) Assert.True(headers.TryAddWithoutValidation(name, value));
    }
}
