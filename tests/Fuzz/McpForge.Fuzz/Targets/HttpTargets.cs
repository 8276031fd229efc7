using System;
using System.IO;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Threading;
using McpForge.AspNetCore;
using McpForge.AspNetCore.Transport;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace McpForge.Fuzz.Targets;

/// <summary>
/// A request to the Streamable HTTP endpoint, in memory (no socket): method, headers and body from the fuzzed bytes.
/// Invariants: no exception escapes, the status is one the transport documents, a JSON body is one JSON-RPC message,
/// and every request is over within its time limit.
/// </summary>
public static class HttpTargets
{
    private static readonly McpServer s_server = McpServer.CreateBuilder("fuzz-http", "1.0.0")
        .AddTools<FuzzTools>().AddResources<FuzzResources>()
        .Configure(o => o.LogLevel = Microsoft.Extensions.Logging.LogLevel.None)
        .Build();

    private static readonly McpHttpTransport s_transport = new(s_server, new McpHttpOptions { KeepAliveInterval = TimeSpan.FromMilliseconds(50) }, "/mcp", requestScopes: false);
    private static readonly string s_session = NewSession();

    private static readonly int[] s_statuses = [200, 202, 204, 400, 403, 404, 405, 406, 409, 413, 415, 503];
    private static readonly string[] s_methods = ["POST", "POST", "POST", "GET", "DELETE", "PUT", "OPTIONS"];
    private static readonly string?[] s_contentTypes = ["application/json", "application/json; charset=utf-8", "text/plain", null];
    private static readonly string?[] s_accepts = ["application/json, text/event-stream", "text/event-stream, application/json", "application/json", "text/event-stream", "text/html", null];
    private static readonly string?[] s_hosts = ["127.0.0.1:3000", "localhost", "evil.example.com", null];
    private static readonly string?[] s_versions = ["2025-11-25", "2025-03-26", "1999-01-01", null];

    /// <summary>The first bytes choose method, headers and session; the rest is the body.</summary>
    public static void Request(ReadOnlySpan<byte> input)
    {
        if (input.Length < 4) return;
        var context = new DefaultHttpContext();
        var request = context.Request;
        request.Method = s_methods[input[0] % s_methods.Length];
        request.Path = "/mcp";
        request.Scheme = "http";
        if (s_hosts[input[1] % s_hosts.Length] is { } host) request.Host = new HostString(host);
        if (s_contentTypes[input[1] / 16 % s_contentTypes.Length] is { } type) request.ContentType = type;
        if (s_accepts[input[2] % s_accepts.Length] is { } accept) request.Headers.Accept = accept;
        if (s_versions[input[2] / 16 % s_versions.Length] is { } version) request.Headers["MCP-Protocol-Version"] = version;
        switch (input[3] % 4)
        {
            case 0: request.Headers["Mcp-Session-Id"] = s_session; break;
            case 1: request.Headers["Mcp-Session-Id"] = "not-a-session"; break;
            case 2: request.Headers["Last-Event-ID"] = Encoding.UTF8.GetString(input[4..Math.Min(input.Length, 12)]); request.Headers["Mcp-Session-Id"] = s_session; break;
        }
        context.Connection.LocalIpAddress = IPAddress.Loopback;
        request.Body = new MemoryStream(input[4..].ToArray());
        var body = new MemoryStream();
        context.Features.Set<IHttpResponseBodyFeature>(new StreamResponseBodyFeature(body));
        using var timeout = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        context.RequestAborted = timeout.Token; // a GET stream stays open until its client goes: this client goes

        var run = s_transport.HandleAsync(context);
        if (!run.Wait(TimeSpan.FromSeconds(5))) throw new InvariantException("the request was not over 5 s later (a hang)");

        var status = context.Response.StatusCode;
        if (Array.IndexOf(s_statuses, status) < 0) throw new InvariantException($"undocumented status {status}");
        if (context.Response.ContentType == "application/json" && body.Length > 0)
        {
            using var document = JsonDocument.Parse(body.ToArray());
            if (!document.RootElement.TryGetProperty("jsonrpc", out var v) || v.GetString() != "2.0")
            {
                throw new InvariantException("a JSON body that is not JSON-RPC: " + Encoding.UTF8.GetString(body.ToArray()));
            }
        }
    }

    private static string NewSession()
    {
        var context = new DefaultHttpContext();
        context.Request.Method = "POST";
        context.Request.Path = "/mcp";
        context.Request.Host = new HostString("127.0.0.1:3000");
        context.Request.ContentType = "application/json";
        context.Request.Headers.Accept = "application/json, text/event-stream";
        context.Request.Body = new MemoryStream("""{"jsonrpc":"2.0","id":0,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{}}}"""u8.ToArray());
        context.Connection.LocalIpAddress = IPAddress.Loopback;
        context.Features.Set<IHttpResponseBodyFeature>(new StreamResponseBodyFeature(new MemoryStream()));
        s_transport.HandleAsync(context).Wait();
        return context.Response.Headers["Mcp-Session-Id"].ToString();
    }
}
