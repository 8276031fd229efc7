using McpForge.AspNetCore.Transport;
using Microsoft.Extensions.Primitives;
using Xunit;

namespace McpForge.AspNetCore.Tests;

/// <summary>
/// The shortcuts of the checks every POST passes: the <c>Accept</c> values MCP clients send are answered without parsing,
/// and must be what the parse says; the loopback names are matched exactly first, and must still ignore case; the
/// <c>Host</c> header is read without the strings <see cref="Microsoft.AspNetCore.Http.HostString"/> makes, to the same answer.
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

    [Theory]
    [InlineData("localhost:5000")]
    [InlineData("LOCALHOST:5000")]
    [InlineData("localhost")]
    [InlineData("localhost:")]
    [InlineData("127.0.0.1:8080")]
    [InlineData("127.0.0.1")]
    [InlineData("[::1]:8080")]
    [InlineData("[::1]")]
    [InlineData("[::1")]
    [InlineData("::1")]
    [InlineData("::1:8080")]
    [InlineData("fe80::1:443")]
    [InlineData("127.0.0.2:80")]
    [InlineData("localhost.example.com:443")]
    [InlineData("xn--localhost-6ya:80")]
    [InlineData(":5000")]
    [InlineData("")]
    public void A_host_header_names_a_loopback_host_exactly_when_its_HostString_does(string header)
    {
        // The Host check reads the header itself, without the strings HttpRequest.Host makes (HostString.FromUriComponent).
        var expected = RequestChecks.IsLoopbackName(Microsoft.AspNetCore.Http.HostString.FromUriComponent(header).Host);
        Assert.Equal(expected, RequestChecks.IsLoopbackHost(new StringValues(header)));
    }
}
