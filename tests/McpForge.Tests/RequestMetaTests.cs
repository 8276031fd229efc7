using System.Text;
using McpForge.Transports;
using Xunit;

namespace McpForge.Tests;

/// <summary>
/// The client info of a 2026-07-28 request's <c>_meta</c>, read as each request sent it: the reader reuses the last one
/// read (by any thread, so other tests running at once change it) when a request repeats it, never when a field differs.
/// </summary>
public sealed class RequestMetaTests
{
    private static McpClientInfo? Read(string clientInfo)
    {
        var @params = "{\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\",\"io.modelcontextprotocol/clientCapabilities\":{},"
            + "\"io.modelcontextprotocol/clientInfo\":" + clientInfo + "}}";
        Assert.True(McpRequestMeta.TryRead(Encoding.UTF8.GetBytes(@params), out var meta, out var problem), problem);
        Assert.Equal("2026-07-28", meta.ProtocolVersion);
        return meta.ClientInfo;
    }

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
}
