using System;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace McpForge.Soak;

/// <summary>
/// Just enough of a Streamable HTTP client for the soak and the load: a session opened with <c>initialize</c>, requests
/// answered as JSON or as an SSE stream (the last <c>data:</c> with a result or error is the response), and DELETE.
/// </summary>
public sealed class McpHttpClient(HttpClient http, Uri endpoint)
{
    public string? SessionId { get; private set; }

    public async Task OpenAsync(CancellationToken cancellationToken = default)
    {
        using var response = await PostAsync(
            """{"jsonrpc":"2.0","id":0,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"mcpforge-soak","version":"1.0"}}}""",
            cancellationToken).ConfigureAwait(false);
        await EnsureResultAsync(response, cancellationToken).ConfigureAwait(false);
        SessionId = response.Headers.TryGetValues("Mcp-Session-Id", out var ids) ? string.Join("", ids) : throw new InvalidOperationException("initialize gave no Mcp-Session-Id");
        await NotifyAsync("""{"jsonrpc":"2.0","method":"notifications/initialized"}""", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Calls <paramref name="tool"/> and returns the response message; throws on an HTTP or JSON-RPC error.</summary>
    public async Task<string> CallAsync(long id, string tool, string argumentsJson, CancellationToken cancellationToken = default)
    {
        using var response = await PostAsync(
            $$$"""{"jsonrpc":"2.0","id":{{{id}}},"method":"tools/call","params":{"name":"{{{tool}}}","arguments":{{{argumentsJson}}}}}""",
            cancellationToken).ConfigureAwait(false);
        return await EnsureResultAsync(response, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sends a notification (202 Accepted, no body).</summary>
    public async Task NotifyAsync(string json, CancellationToken cancellationToken = default)
    {
        using var response = await PostAsync(json, cancellationToken).ConfigureAwait(false);
        if ((int)response.StatusCode != 202) throw new InvalidOperationException("A notification got " + (int)response.StatusCode);
    }

    /// <summary>The text of the first content block of a tool result.</summary>
    public static string Text(string response)
    {
        using var document = JsonDocument.Parse(response);
        return document.RootElement.GetProperty("result").GetProperty("content")[0].GetProperty("text").GetString()!;
    }

    public async Task CloseAsync(CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Delete, endpoint);
        request.Headers.Add("Mcp-Session-Id", SessionId);
        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException("DELETE got " + (int)response.StatusCode);
    }

    private Task<HttpResponseMessage> PostAsync(string json, CancellationToken cancellationToken)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new StringContent(json, Encoding.UTF8) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Accept.ParseAdd("application/json, text/event-stream");
        request.Headers.Add("MCP-Protocol-Version", "2025-11-25");
        if (SessionId is not null) request.Headers.Add("Mcp-Session-Id", SessionId);
        return http.SendAsync(request, cancellationToken);
    }

    private static async Task<string> EnsureResultAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"HTTP {(int)response.StatusCode}: {body}");
        var message = body;
        if (response.Content.Headers.ContentType?.MediaType == "text/event-stream")
        {
            message = "";
            foreach (var line in body.Split('\n'))
            {
                if (line.StartsWith("data: ", StringComparison.Ordinal) && (line.Contains("\"result\"", StringComparison.Ordinal) || line.Contains("\"error\"", StringComparison.Ordinal)))
                {
                    message = line[6..].TrimEnd('\r');
                }
            }
        }
        if (!message.Contains("\"result\"", StringComparison.Ordinal) || message.Contains("\"isError\":true", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("Not a result: " + body);
        }
        return message;
    }
}
