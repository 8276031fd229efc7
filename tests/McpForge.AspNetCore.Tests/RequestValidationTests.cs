using System.Collections.Generic;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading.Tasks;
using McpForge.AspNetCore.Tests.Harness;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace McpForge.AspNetCore.Tests;

/// <summary>What the endpoint refuses before a session sees it, with the exact status and JSON-RPC error.</summary>
public sealed class RequestValidationTests
{
    private const string Ping = """{"jsonrpc":"2.0","id":1,"method":"ping"}""";

    private static async Task<(HttpStatusCode Status, string Body)> SendAsync(McpTestHost host, HttpRequestMessage request)
    {
        using (request)
        using (var response = await host.SendAsync(request))
        {
            return (response.StatusCode, await response.Content.ReadAsStringAsync());
        }
    }

    private static string Error(int code, string details) =>
        "{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":" + code + ",\"message\":\"" + (code == -32700 ? "Parse error" : "Invalid Request") + "\",\"data\":{\"details\":\"" + details + "\"}}}";

    [Theory]
    [InlineData("text/html", HttpStatusCode.NotAcceptable)]
    [InlineData("application/json;q=0, text/event-stream;q=0", HttpStatusCode.NotAcceptable)]
    [InlineData("application/json", HttpStatusCode.OK)]
    [InlineData("text/event-stream", HttpStatusCode.OK)]
    [InlineData("*/*", HttpStatusCode.OK)]
    public async Task Accept_must_allow_json_or_events(string accept, HttpStatusCode expected)
    {
        await using var host = await McpTestHost.StartAsync();
        var session = await host.InitializeAsync();
        var (status, body) = await SendAsync(host, host.Post(Ping, session, accept));
        Assert.Equal(expected, status);
        if (expected == HttpStatusCode.NotAcceptable) Assert.Equal(Error(-32600, "Accept must allow application/json and text/event-stream."), body);
    }

    [Fact]
    public async Task A_body_that_is_not_json_content_is_415()
    {
        await using var host = await McpTestHost.StartAsync();
        var request = new HttpRequestMessage(HttpMethod.Post, host.Endpoint) { Content = new StringContent(Ping, Encoding.UTF8, "text/plain") };
        request.Headers.TryAddWithoutValidation("Accept", "application/json, text/event-stream");
        var (status, body) = await SendAsync(host, request);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, status);
        Assert.Equal(Error(-32600, "Content-Type must be application/json, not 'text/plain; charset=utf-8'."), body);
    }

    [Theory]
    [InlineData("not json", 400, -32700)]
    [InlineData("", 400, -32700)]
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":"ping"} trailing""", 400, -32700)]
    [InlineData("""[{"jsonrpc":"2.0","id":1,"method":"ping"}]""", 400, -32600)]
    [InlineData("""{"jsonrpc":"1.0","id":1,"method":"ping"}""", 400, -32600)]
    [InlineData("""{"jsonrpc":"2.0","id":null,"method":"ping"}""", 400, -32600)]
    public async Task A_body_that_is_not_one_json_rpc_message_is_400_with_the_json_rpc_error(string json, int status, int code)
    {
        await using var host = await McpTestHost.StartAsync();
        var session = await host.InitializeAsync();
        var (got, body) = await SendAsync(host, host.Post(json, session));
        Assert.Equal(status, (int)got);
        Assert.Contains("\"code\":" + code, body);
        Assert.StartsWith("{\"jsonrpc\":\"2.0\",\"id\":", body);
    }

    [Fact]
    public async Task A_body_over_the_limit_is_413_and_the_session_keeps_serving()
    {
        await using var host = await McpTestHost.StartAsync(http => http.MaxRequestBodyBytes = 1024);
        var session = await host.InitializeAsync();
        var big = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"echo\",\"arguments\":{\"message\":\"" + new string('x', 2000) + "\"}}}";
        var (status, body) = await SendAsync(host, host.Post(big, session));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.Equal(Error(-32600, "The body is over the size limit (McpHttpOptions.MaxRequestBodyBytes)."), body);
        Assert.Equal("""{"jsonrpc":"2.0","id":1,"result":{}}""", (await host.RequestAsync(session, Ping)).GetRawText());
    }

    [Theory]
    [InlineData("evil.example.com", null, HttpStatusCode.Forbidden)]
    [InlineData(null, "http://evil.example.com", HttpStatusCode.Forbidden)]
    [InlineData("localhost", "http://localhost:5173", HttpStatusCode.OK)]
    [InlineData(null, "http://127.0.0.1:8080", HttpStatusCode.OK)]
    [InlineData(null, null, HttpStatusCode.OK)]
    public async Task On_loopback_only_loopback_hosts_and_origins_are_served(string? hostName, string? origin, HttpStatusCode expected)
    {
        await using var host = await McpTestHost.StartAsync();
        var request = host.Post("""{"jsonrpc":"2.0","id":0,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{}}}""");
        if (hostName is not null) request.Headers.Host = hostName + ":" + host.Endpoint.Port;
        if (origin is not null) request.Headers.Add("Origin", origin);
        var (status, body) = await SendAsync(host, request);
        Assert.Equal(expected, status);
        if (expected == HttpStatusCode.Forbidden)
        {
            Assert.Contains(hostName is not null ? "is not a loopback name" : "is not a loopback origin", body);
            Assert.StartsWith("{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32600", body);
        }
    }

    [Fact]
    public async Task A_client_that_leaves_in_the_middle_of_its_body_ends_the_request_and_the_server_keeps_serving()
    {
        // The body is read without the request's RequestAborted token (RequestBody): Kestrel itself must end the read
        // when the connection goes. A middleware around the endpoint says when the request ended, and how.
        var ended = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var host = await McpTestHost.StartAsync(map: app => app.Use(async (context, next) =>
        {
            if (context.Request.Headers.ContainsKey("X-Leaves-Early"))
            {
                await next(context);
                ended.TrySetResult(context.Response.StatusCode);
                return;
            }
            await next(context);
        }));
        var session = await host.InitializeAsync();
        using (var client = new System.Net.Sockets.TcpClient())
        {
            await client.ConnectAsync(IPAddress.Loopback, host.Endpoint.Port);
            var stream = client.GetStream();
            var head = $"POST {host.Endpoint.AbsolutePath} HTTP/1.1\r\nHost: 127.0.0.1:{host.Endpoint.Port}\r\nContent-Type: application/json\r\n"
                + $"Accept: application/json, text/event-stream\r\nMCP-Protocol-Version: 2025-11-25\r\nMcp-Session-Id: {session}\r\n"
                + "X-Leaves-Early: 1\r\nContent-Length: 100\r\n\r\n{\"jsonrpc\":\"2.0\",";
            await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
            await stream.FlushAsync();
        } // closed with 80 bytes of its body unsent

        await ended.Task.WaitAsync(McpTestHost.Wait);
        var (status, body) = await SendAsync(host, host.Post(Ping, session));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("""{"jsonrpc":"2.0","id":1,"result":{}}""", body);
    }

    [Fact]
    public async Task Configured_hosts_and_origins_replace_the_loopback_defaults()
    {
        await using var host = await McpTestHost.StartAsync(http =>
        {
            http.AllowedHosts.Add("mcp.example.com");
            http.AllowedOrigins.Add("https://app.example.com");
        });
        HttpRequestMessage Request(string hostName, string? origin)
        {
            var request = host.Post("""{"jsonrpc":"2.0","id":0,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{}}}""");
            request.Headers.Host = hostName;
            if (origin is not null) request.Headers.Add("Origin", origin);
            return request;
        }
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(host, Request("mcp.example.com", "https://app.example.com"))).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(host, Request("localhost", null))).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(host, Request("mcp.example.com", "https://evil.example.com"))).Status);
    }

    [Fact]
    public async Task Cors_is_off_by_default_and_answers_preflights_for_allowed_origins_when_on()
    {
        await using (var closed = await McpTestHost.StartAsync())
        {
            var preflight = new HttpRequestMessage(HttpMethod.Options, closed.Endpoint);
            Assert.Equal(HttpStatusCode.MethodNotAllowed, (await SendAsync(closed, preflight)).Status);
        }

        await using var host = await McpTestHost.StartAsync(http =>
        {
            http.EnableCors = true;
            http.AllowedOrigins.Add("http://localhost:5173");
        });
        var options = new HttpRequestMessage(HttpMethod.Options, host.Endpoint);
        options.Headers.Add("Origin", "http://localhost:5173");
        options.Headers.Add("Access-Control-Request-Method", "POST");
        using var response = await host.SendAsync(options);
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal("http://localhost:5173", string.Join(",", response.Headers.GetValues("Access-Control-Allow-Origin")));
        Assert.Equal("GET, POST, DELETE", string.Join(",", response.Headers.GetValues("Access-Control-Allow-Methods")));
        Assert.Contains("Mcp-Session-Id", string.Join(",", response.Headers.GetValues("Access-Control-Allow-Headers")));

        var post = host.Post("""{"jsonrpc":"2.0","id":0,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{}}}""",
            headers: new Dictionary<string, string> { ["Origin"] = "http://localhost:5173" });
        using var initialized = await host.SendAsync(post);
        Assert.Equal("Mcp-Session-Id, MCP-Protocol-Version, WWW-Authenticate", string.Join(",", initialized.Headers.GetValues("Access-Control-Expose-Headers")));
    }

    [Fact]
    public async Task GET_needs_an_event_stream_accept_and_other_methods_are_405()
    {
        await using var host = await McpTestHost.StartAsync();
        var session = await host.InitializeAsync();
        var get = host.Get(session);
        get.Headers.Remove("Accept");
        get.Headers.TryAddWithoutValidation("Accept", "application/json");
        Assert.Equal(HttpStatusCode.NotAcceptable, (await SendAsync(host, get)).Status);
        var put = new HttpRequestMessage(HttpMethod.Put, host.Endpoint) { Content = new StringContent(Ping, Encoding.UTF8, "application/json") };
        using var response = await host.SendAsync(put);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }

    [Fact]
    public async Task A_request_id_in_use_by_a_running_call_is_refused()
    {
        await using var host = await McpTestHost.StartAsync();
        var session = await host.InitializeAsync();
        using var first = await host.SendAsync(host.Post("""{"jsonrpc":"2.0","id":"dup","method":"tools/call","params":{"name":"hold","arguments":{"tag":"a"}}}""", session),
            HttpCompletionOption.ResponseHeadersRead);
        var (status, body) = await SendAsync(host, host.Post("""{"jsonrpc":"2.0","id":"dup","method":"ping"}""", session));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("""{"jsonrpc":"2.0","id":"dup","error":{"code":-32600,"message":"Invalid Request","data":{"details":"The request id \"dup\" is already used by a request in progress."}}}""", body);
        HttpTools.Gate("a").TrySetResult();
    }
}
