using McpForge.AspNetCore.Transport;
using Microsoft.Extensions.Primitives;
using Xunit;

namespace McpForge.AspNetCore.Tests;

/// <summary>
/// The shortcuts of the checks every POST passes: the <c>Accept</c> values MCP clients send are answered without parsing,
/// and must be what the parse says; the loopback names are matched exactly first, and must still ignore case.
/// </summary>
public sealed class RequestChecksTests
{
    [Theory]
    [InlineData("application/json, text/event-stream", true, true, false)]
    [InlineData("application/json,text/event-stream", true, true, false)]
    [InlineData("text/event-stream, application/json", true, true, true)]
    [InlineData("text/event-stream,application/json", true, true, true)]
    [InlineData("application/json", true, false, false)]
    [InlineData("text/event-stream", false, true, true)]
    public void An_accept_value_clients_send_reads_as_its_parse(string accept, bool json, bool events, bool prefersEvents)
    {
        var header = new StringValues(accept);
        Assert.Equal(new AcceptedMedia(json, events, prefersEvents), AcceptedMedia.Parse(header));
        Assert.Equal(AcceptedMedia.Parse(header), AcceptedMedia.From(header));
    }

    [Theory]
    [InlineData("text/event-stream;q=0.5, application/json", true, true, false)]
    [InlineData("application/json;q=0, text/event-stream", false, true, true)]
    [InlineData("TEXT/EVENT-STREAM", false, true, true)]
    public void Any_other_accept_value_is_parsed(string accept, bool json, bool events, bool prefersEvents) =>
        Assert.Equal(new AcceptedMedia(json, events, prefersEvents), AcceptedMedia.From(new StringValues(accept)));

    [Theory]
    [InlineData("localhost", true)]
    [InlineData("LocalHost", true)]
    [InlineData("127.0.0.1", true)]
    [InlineData("[::1]", true)]
    [InlineData("::1", true)]
    [InlineData("127.0.0.2", false)]
    [InlineData("localhost.example.com", false)]
    [InlineData("", false)]
    public void The_loopback_names_are_localhost_in_any_case_and_the_loopback_addresses(string host, bool loopback) =>
        Assert.Equal(loopback, RequestChecks.IsLoopbackName(host));
}
