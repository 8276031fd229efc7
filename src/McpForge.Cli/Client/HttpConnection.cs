using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using McpForge.Cli.Protocol;

namespace McpForge.Cli.Client;

/// <summary>
/// The Streamable HTTP transport (MCP 2025-11-25, basic/transports): every client message is a POST with
/// <c>Accept: application/json, text/event-stream</c>; the answer is one JSON body or an SSE stream.
/// The session id from <c>initialize</c> and the negotiated <c>MCP-Protocol-Version</c> go on every later request.
/// </summary>
internal sealed class HttpConnection : IMcpConnection
{
    private readonly HttpClient _http;
    private readonly Channel<Incoming> _received = Channel.CreateUnbounded<Incoming>();
    private readonly IReadOnlyList<KeyValuePair<string, string>> _headers;
    private readonly CancellationTokenSource _closing = new();

    public HttpConnection(Uri endpoint, IReadOnlyList<KeyValuePair<string, string>> headers, bool acceptAnyCertificate, TimeSpan timeout)
    {
        Endpoint = endpoint;
        _headers = headers;
        var handler = new SocketsHttpHandler { ConnectTimeout = timeout, AllowAutoRedirect = false };
        if (acceptAnyCertificate)
        {
            // --insecure: the TLS check still reports the certificate; the other checks run anyway.
            handler.SslOptions.RemoteCertificateValidationCallback = (_, _, _, _) => true;
        }
        _http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
    }

    public Uri Endpoint { get; }

    public string Description => "http: " + Endpoint;

    public ChannelReader<Incoming> Received => _received.Reader;

    public string? ProtocolVersion { get; set; }

    /// <summary>The <c>Mcp-Session-Id</c> the server gave in its answer to <c>initialize</c>, if any.</summary>
    public string? SessionId { get; set; }

    /// <summary>The headers of the last POST's answer (for the session and protocol checks).</summary>
    public HttpResponseHeaders? LastResponseHeaders { get; private set; }

    public async Task SendAsync(ReadOnlyMemory<byte> message, CancellationToken cancellationToken)
    {
        using var request = CreatePost(message);
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw new ConnectionClosedException("the HTTP request failed: " + e.Message, e);
        }
        LastResponseHeaders = response.Headers;
        if (response.Headers.TryGetValues("Mcp-Session-Id", out var ids)) SessionId ??= ids.FirstOrDefault();

        if (!response.IsSuccessStatusCode)
        {
            var body = await ReadBodyAsync(response, cancellationToken).ConfigureAwait(false);
            var challenge = response.Headers.WwwAuthenticate.Count > 0 ? response.Headers.WwwAuthenticate.ToString() : null;
            var status = response.StatusCode;
            response.Dispose();
            throw new HttpStatusException(status, body, challenge);
        }

        var mediaType = response.Content.Headers.ContentType?.MediaType;
        if (response.StatusCode == HttpStatusCode.Accepted || response.Content.Headers.ContentLength == 0)
        {
            response.Dispose();
            return;
        }
        if (string.Equals(mediaType, "text/event-stream", StringComparison.OrdinalIgnoreCase))
        {
            // The stream carries the response (and perhaps notifications before it); read it in the background.
            _ = Task.Run(() => ReadEventStreamAsync(response));
            return;
        }
        using (response)
        {
            var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            PublishJsonBody(bytes);
        }
    }

    /// <summary>A POST exactly as <see cref="SendAsync"/> makes it, for checks that change one header.</summary>
    public HttpRequestMessage CreatePost(ReadOnlyMemory<byte> message, bool includeSession = true)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, Endpoint) { Content = new ReadOnlyMemoryContent(message) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        if (includeSession && SessionId is not null) request.Headers.TryAddWithoutValidation("Mcp-Session-Id", SessionId);
        if (ProtocolVersion is not null) request.Headers.TryAddWithoutValidation("MCP-Protocol-Version", ProtocolVersion);
        foreach (var (name, value) in _headers) request.Headers.TryAddWithoutValidation(name, value);
        return request;
    }

    /// <summary>Sends a request and returns the status, the headers and the whole body (an SSE body read to its end, bounded).</summary>
    public async Task<RawHttpAnswer> SendRawAsync(HttpRequestMessage request, TimeSpan wait)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(_closing.Token);
        cts.CancelAfter(wait);
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cts.Token).ConfigureAwait(false);
            string body;
            if (string.Equals(response.Content.Headers.ContentType?.MediaType, "text/event-stream", StringComparison.OrdinalIgnoreCase))
            {
                // Only the first event: enough to see an answer, and an open stream cannot hang the check.
                var stream = await response.Content.ReadAsStreamAsync(cts.Token).ConfigureAwait(false);
                body = "";
                await foreach (var data in SseReader.ReadDataAsync(stream, cts.Token).ConfigureAwait(false))
                {
                    body = data;
                    break;
                }
            }
            else
            {
                body = await ReadBodyAsync(response, cts.Token).ConfigureAwait(false);
            }
            return new RawHttpAnswer(response.StatusCode, response.Headers, response.Content.Headers.ContentType?.MediaType, body, null);
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or IOException)
        {
            return new RawHttpAnswer(0, null, null, "", e is OperationCanceledException ? $"no answer within {wait.TotalMilliseconds:0} ms" : e.Message);
        }
    }

    /// <summary>GET of a path next to the endpoint (the health check), bounded by <paramref name="wait"/>.</summary>
    public Task<RawHttpAnswer> GetAsync(string path, TimeSpan wait)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(Endpoint, path));
        foreach (var (name, value) in _headers) request.Headers.TryAddWithoutValidation(name, value);
        return SendRawAsync(request, wait);
    }

    private static async Task<string> ReadBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            return Encoding.UTF8.GetString(bytes, 0, Math.Min(bytes.Length, 64 * 1024));
        }
        catch (HttpRequestException)
        {
            return "";
        }
    }

    private void PublishJsonBody(byte[] bytes)
    {
        // A JSON body holds one message; a batch (array) is passed on element by element.
        var trimmed = bytes.AsSpan().Trim(" \t\r\n"u8);
        if (!trimmed.IsEmpty && trimmed[0] == (byte)'[')
        {
            try
            {
                using var document = JsonDocument.Parse(bytes);
                foreach (var element in document.RootElement.EnumerateArray()) Publish(Encoding.UTF8.GetBytes(element.GetRawText()));
                return;
            }
            catch (JsonException)
            {
            }
        }
        Publish(trimmed.ToArray());
    }

    private async Task ReadEventStreamAsync(HttpResponseMessage response)
    {
        using (response)
        {
            try
            {
                var stream = await response.Content.ReadAsStreamAsync(_closing.Token).ConfigureAwait(false);
                await foreach (var data in SseReader.ReadDataAsync(stream, _closing.Token).ConfigureAwait(false))
                {
                    if (data.Length > 0) Publish(Encoding.UTF8.GetBytes(data));
                }
            }
            catch (Exception e) when (e is IOException or HttpRequestException or OperationCanceledException)
            {
                // The server (or Dispose) ended the stream.
            }
        }
    }

    private void Publish(byte[] bytes) => _received.Writer.TryWrite(new Incoming(bytes, RpcEnvelope.Read(bytes), DateTime.UtcNow));

    public async ValueTask DisposeAsync()
    {
        if (SessionId is not null)
        {
            // Ends the session, as the transport asks clients to; a server may answer 405.
            using var delete = new HttpRequestMessage(HttpMethod.Delete, Endpoint);
            delete.Headers.TryAddWithoutValidation("Mcp-Session-Id", SessionId);
            if (ProtocolVersion is not null) delete.Headers.TryAddWithoutValidation("MCP-Protocol-Version", ProtocolVersion);
            foreach (var (name, value) in _headers) delete.Headers.TryAddWithoutValidation(name, value);
            _ = await SendRawAsync(delete, TimeSpan.FromSeconds(2)).ConfigureAwait(false);
        }
        _closing.Cancel();
        _received.Writer.TryComplete();
        _http.Dispose();
        _closing.Dispose();
    }
}

/// <summary>A POST was answered with a status other than 2xx.</summary>
internal sealed class HttpStatusException(HttpStatusCode status, string body, string? challenge)
    : Exception($"HTTP {(int)status} {status}" + (body.Length > 0 ? ": " + (body.Length > 300 ? body[..300] + "…" : body) : ""))
{
    public HttpStatusCode Status { get; } = status;
    public string Body { get; } = body;
    /// <summary>The <c>WWW-Authenticate</c> header of a 401 or 403.</summary>
    public string? Challenge { get; } = challenge;
}

/// <summary>One HTTP exchange as a check sees it; <see cref="Failure"/> is set when no answer came.</summary>
internal sealed record RawHttpAnswer(HttpStatusCode Status, HttpResponseHeaders? Headers, string? MediaType, string Body, string? Failure);
