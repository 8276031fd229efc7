using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace McpForge.TestInfrastructure;

/// <summary>
/// Just enough of a Streamable HTTP MCP client (2025-11-25) for tests, the soak and the load: JSON-RPC POSTs with the
/// MCP headers, answers as JSON or as an SSE stream, sessions from <c>initialize</c>'s <c>Mcp-Session-Id</c>. The
/// request builders return the message unsent, so a test can break one header at a time. Each exchange is bounded
/// by <see cref="Wait"/>. Failures throw, with the server's answer.
/// </summary>
public sealed class McpHttpClient(HttpClient http, Uri endpoint)
{
    public const string ProtocolVersion = "2025-11-25";

    /// <summary>The Accept header of a POST: a client must take both.</summary>
    public const string AcceptJsonAndSse = "application/json, text/event-stream";

    public HttpClient Http => http;

    public Uri Endpoint => endpoint;

    /// <summary>
    /// A bound on one exchange (sending, and reading a whole answer) tighter than the <see cref="HttpClient.Timeout"/>,
    /// which alone bounds it by default: a load measures latencies and must not cut them short.
    /// </summary>
    public TimeSpan Wait { get; init; } = Timeout.InfiniteTimeSpan;

    /// <summary>The session <see cref="OpenAsync"/> opened, used by <see cref="CallAsync"/>, <see cref="NotifyAsync"/> and <see cref="CloseAsync"/>.</summary>
    public string? SessionId { get; private set; }

    /// <summary>
    /// A POST of <paramref name="json"/> as a 2025-11-25 client sends it: in a session, with <c>Mcp-Session-Id</c> and
    /// <c>MCP-Protocol-Version</c>; <paramref name="headers"/> go on the request or, if they are content headers, its body.
    /// </summary>
    public HttpRequestMessage Post(string json, string? session = null, string accept = AcceptJsonAndSse, IEnumerable<KeyValuePair<string, string>>? headers = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("Accept", accept);
        if (session is not null) AddSession(request, session);
        foreach (var (name, value) in headers ?? [])
        {
            if (!request.Headers.TryAddWithoutValidation(name, value)) request.Content.Headers.TryAddWithoutValidation(name, value);
        }
        return request;
    }

    /// <summary>The GET that opens a session's stream of server messages (resumed after <paramref name="lastEventId"/>).</summary>
    public HttpRequestMessage Get(string session, string? lastEventId = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, endpoint);
        request.Headers.TryAddWithoutValidation("Accept", "text/event-stream");
        AddSession(request, session);
        if (lastEventId is not null) request.Headers.Add("Last-Event-ID", lastEventId);
        return request;
    }

    /// <summary>The DELETE that ends a session.</summary>
    public HttpRequestMessage Delete(string session)
    {
        var request = new HttpRequestMessage(HttpMethod.Delete, endpoint);
        AddSession(request, session);
        return request;
    }

    /// <summary>Sends <paramref name="request"/>; with <see cref="HttpCompletionOption.ResponseHeadersRead"/> the body is left to the caller.</summary>
    public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, HttpCompletionOption completion = HttpCompletionOption.ResponseContentRead,
        CancellationToken cancellationToken = default)
    {
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(Wait);
        return await http.SendAsync(request, completion, bounded.Token).ConfigureAwait(false);
    }

    /// <summary>Sends <paramref name="request"/> and reads the whole answer.</summary>
    public async Task<McpAnswer> ExchangeAsync(HttpRequestMessage request, CancellationToken cancellationToken = default)
    {
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(Wait);
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, bounded.Token).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync(bounded.Token).ConfigureAwait(false);
        return new McpAnswer(response.StatusCode, body, response.Content.Headers.ContentType?.MediaType,
            response.Headers.TryGetValues("Mcp-Session-Id", out var session) ? session.Single() : null);
    }

    /// <summary>
    /// Opens a session and returns its id: <c>initialize</c> (<paramref name="capabilities"/> as the client's), then,
    /// unless <paramref name="notifyInitialized"/> is false, <c>notifications/initialized</c>.
    /// </summary>
    public async Task<string> InitializeAsync(string capabilities = "{}", string version = ProtocolVersion, string clientName = "mcpforge-tests",
        bool notifyInitialized = true, CancellationToken cancellationToken = default)
    {
        using var request = Post("{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":{\"protocolVersion\":" + JsonSerializer.Serialize(version)
            + ",\"capabilities\":" + capabilities + ",\"clientInfo\":{\"name\":" + JsonSerializer.Serialize(clientName) + ",\"version\":\"1.0\"}}}");
        var answer = await ExchangeAsync(request, cancellationToken).ConfigureAwait(false);
        if (answer.Status != HttpStatusCode.OK || !answer.MessageText.Contains("\"result\"", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"initialize got HTTP {(int)answer.Status}: {answer.Body}");
        }
        var session = answer.SessionId ?? throw new InvalidOperationException("initialize gave no Mcp-Session-Id: " + answer.Body);
        if (notifyInitialized) await NotifyAsync(session, """{"jsonrpc":"2.0","method":"notifications/initialized"}""", cancellationToken).ConfigureAwait(false);
        return session;
    }

    /// <summary>Opens a session (<see cref="InitializeAsync"/>) that the calls without a session argument then use.</summary>
    public async Task OpenAsync(CancellationToken cancellationToken = default) =>
        SessionId = await InitializeAsync(cancellationToken: cancellationToken).ConfigureAwait(false);

    /// <summary>A request in <paramref name="session"/>: returns the response message, from a JSON or an SSE answer.</summary>
    public async Task<JsonElement> RequestAsync(string? session, string json, CancellationToken cancellationToken = default)
    {
        using var request = Post(json, session);
        var answer = await ExchangeAsync(request, cancellationToken).ConfigureAwait(false);
        if (answer.Status != HttpStatusCode.OK) throw new InvalidOperationException($"HTTP {(int)answer.Status}: {answer.Body}");
        try
        {
            return answer.Message;
        }
        catch (JsonException e)
        {
            throw new InvalidOperationException($"Not a JSON-RPC answer ({e.Message}): {answer.Body}", e);
        }
    }

    /// <summary>Calls <paramref name="tool"/> in the open session; throws unless the answer is a result that is not an error.</summary>
    public async Task<JsonElement> CallAsync(long id, string tool, string argumentsJson = "{}", CancellationToken cancellationToken = default)
    {
        var message = await RequestAsync(SessionId, Call(id, tool, argumentsJson), cancellationToken).ConfigureAwait(false);
        if (!message.TryGetProperty("result", out var result) || result.TryGetProperty("isError", out var isError) && isError.ValueKind == JsonValueKind.True)
        {
            throw new InvalidOperationException("Not a result: " + message.GetRawText());
        }
        return message;
    }

    /// <summary>Sends a notification in the open session (or <paramref name="session"/>): 202 Accepted, no body.</summary>
    public Task NotifyAsync(string json, CancellationToken cancellationToken = default) => NotifyAsync(SessionId, json, cancellationToken);

    private async Task NotifyAsync(string? session, string json, CancellationToken cancellationToken)
    {
        using var request = Post(json, session);
        using var response = await SendAsync(request, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.Accepted) throw new InvalidOperationException("A notification got " + (int)response.StatusCode);
    }

    /// <summary>Ends the open session (DELETE).</summary>
    public async Task CloseAsync(CancellationToken cancellationToken = default)
    {
        using var request = Delete(SessionId ?? throw new InvalidOperationException("no session open"));
        using var response = await SendAsync(request, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException("DELETE got " + (int)response.StatusCode);
    }

    /// <summary>A <c>tools/call</c> request; <paramref name="argumentsJson"/> is a JSON object.</summary>
    public static string Call(long id, string tool, string argumentsJson = "{}") =>
        $$$"""{"jsonrpc":"2.0","id":{{{id}}},"method":"tools/call","params":{"name":"{{{tool}}}","arguments":{{{argumentsJson}}}}}""";

    /// <summary>The text of the first content block of a tool result.</summary>
    public static string Text(JsonElement response) =>
        response.GetProperty("result").GetProperty("content")[0].GetProperty("text").GetString()!;

    private static void AddSession(HttpRequestMessage request, string session)
    {
        request.Headers.Add("Mcp-Session-Id", session);
        request.Headers.Add("MCP-Protocol-Version", ProtocolVersion);
    }
}
