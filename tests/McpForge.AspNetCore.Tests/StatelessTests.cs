using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using McpForge.AspNetCore.Tests.Harness;

namespace McpForge.AspNetCore.Tests;

/// <summary>The stateless mode: no sessions, every POST on its own, and what that mode cannot do.</summary>
public sealed class StatelessTests
{
    [Fact]
    public async Task Initialize_issues_no_session_and_declares_no_notifications()
    {
        await using var host = await McpTestHost.StartAsync(http => http.Stateless = true);
        using var response = await host.SendAsync(host.Post("""{"jsonrpc":"2.0","id":0,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{}}}"""));
        Assert.False(response.Headers.Contains("Mcp-Session-Id"));
        Assert.Contains("""
            "capabilities":{"logging":{},"resources":{"subscribe":false,"listChanged":false},"tools":{"listChanged":false}}
            """.Trim(), await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Every_request_is_served_without_a_session_and_streams_still_work_within_a_request()
    {
        await using var host = await McpTestHost.StartAsync(http => http.Stateless = true);
        using (var echo = await host.SendAsync(host.Post("""{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"echo","arguments":{"message":"x"}}}""")))
        {
            Assert.Equal("""{"jsonrpc":"2.0","id":1,"result":{"content":[{"type":"text","text":"x"}]}}""", await echo.Content.ReadAsStringAsync());
        }
        using var steps = await host.SendAsync(host.Post("""{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"steps","arguments":{}}}"""),
            HttpCompletionOption.ResponseHeadersRead);
        using var reader = new SseReader(await steps.Content.ReadAsStreamAsync());
        var events = await reader.ReadToEndAsync();
        Assert.All(events, e => Assert.Null(e.Id)); // nothing is resumable without a session
        Assert.Contains("\"text\":\"done\"", events[^1].Data);
    }

    [Fact]
    public async Task What_needs_a_session_is_refused_clearly()
    {
        await using var host = await McpTestHost.StartAsync(http => http.Stateless = true);
        var get = new HttpRequestMessage(HttpMethod.Get, host.Endpoint);
        get.Headers.TryAddWithoutValidation("Accept", "text/event-stream");
        using (var response = await host.SendAsync(get)) Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        using (var response = await host.SendAsync(new HttpRequestMessage(HttpMethod.Delete, host.Endpoint))) Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);

        using var ask = await host.SendAsync(host.Post("""{"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"ask","arguments":{"question":"?"}}}"""));
        var body = await ask.Content.ReadAsStringAsync();
        Assert.Contains("\"isError\":true", body);
        Assert.Contains("The client did not declare the 'sampling' capability, so it cannot be asked to sample.", body);

        using var subscribe = await host.SendAsync(host.Post("""{"jsonrpc":"2.0","id":4,"method":"resources/subscribe","params":{"uri":"notes://one"}}"""));
        Assert.Equal("""{"jsonrpc":"2.0","id":4,"error":{"code":-32601,"message":"Method not found","data":{"method":"resources/subscribe"}}}""",
            await subscribe.Content.ReadAsStringAsync());
    }
}
