using System.Text;
using McpForge.Eras;
using McpForge.Protocol;
using Xunit;

namespace McpForge.Tests;

/// <summary>
/// What a 2026-07-28 request's <c>_meta</c> says of its client, read as each request sent it: a server reuses the profile
/// of the last request when the next repeats it (byte for byte, or in every field a profile keeps), never when a field
/// differs.
/// </summary>
public sealed class RequestMetaTests
{
    private readonly ClientProfileCache _cache = new();

    private static string Meta(string clientInfo, string more = "") =>
        "{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\",\"io.modelcontextprotocol/clientCapabilities\":{},"
        + "\"io.modelcontextprotocol/clientInfo\":" + clientInfo + more + "}";

    private ClientProfile Profile(string meta)
    {
        Assert.True(_cache.TryGet(Encoding.UTF8.GetBytes(meta), out var profile, out var problem), problem);
        Assert.Equal("2026-07-28", profile.ProtocolVersion);
        Assert.True(profile.IsModern);
        return profile;
    }

    private McpClientInfo? Read(string clientInfo) => Profile(Meta(clientInfo)).ClientInfo;

    [Fact]
    public void A_client_info_is_read_as_each_request_sent_it_whatever_came_before()
    {
        var first = Read("""{"name":"meta-tests","version":"1.0"}""");
        Assert.Equal(new McpClientInfo("meta-tests", "1.0"), first);
        Assert.Equal(first, Read("""{"version":"1.0","name":"meta-tests"}"""));
        Assert.Equal(new McpClientInfo("meta-tests", "2.0"), Read("""{"name":"meta-tests","version":"2.0"}"""));
        Assert.Equal(new McpClientInfo("other", "2.0"), Read("""{"name":"other","version":"2.0"}"""));
        Assert.Equal(new McpClientInfo("meta-tests", "1.0"), Read("""{"name":"meta-tests","version":"1.0"}"""));
    }

    [Fact]
    public void A_repeated_meta_gets_the_same_profile_and_a_different_one_its_own()
    {
        var first = Profile(Meta("""{"name":"a","version":"1"}"""));
        Assert.Same(first, Profile(Meta("""{"name":"a","version":"1"}""")));
        // A field of this request only (a progress token, a trace context) leaves the profile as it was.
        Assert.Same(first, Profile(Meta("""{"name":"a","version":"1"}""", ",\"progressToken\":7,\"traceparent\":\"00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01\"")));
        var withLevel = Profile(Meta("""{"name":"a","version":"1"}""", ",\"io.modelcontextprotocol/logLevel\":\"debug\""));
        Assert.NotSame(first, withLevel);
        Assert.Equal(McpLogLevel.Debug, withLevel.LogLevel);
        Assert.Null(first.LogLevel);
        var sampling = Profile("""{"io.modelcontextprotocol/protocolVersion":"2026-07-28","io.modelcontextprotocol/clientCapabilities":{"sampling":{}}}""");
        Assert.Equal(McpClientCapabilities.Sampling, sampling.Capabilities);
        Assert.Null(sampling.ClientInfo);
        Assert.Same(sampling, Profile("""{"io.modelcontextprotocol/protocolVersion":"2026-07-28","io.modelcontextprotocol/clientCapabilities":{"sampling":{}}}"""));
    }

    [Fact]
    public void A_malformed_meta_is_refused_after_a_good_one_was_kept()
    {
        Profile(Meta("""{"name":"a","version":"1"}"""));
        Assert.False(_cache.TryGet("""{"io.modelcontextprotocol/protocolVersion":"2026-07-28"}"""u8, out var profile, out var problem));
        Assert.Null(profile);
        Assert.Equal("\"_meta.io.modelcontextprotocol/clientCapabilities\" is required on a 2026-07-28 request ({} when the client declares none).", problem);
        Assert.False(_cache.TryGet("[]"u8, out _, out problem));
        Assert.Equal("\"params._meta\" must be an object.", problem);
    }
}
