using System.Text;
using McpForge.Cli.Protocol;

namespace McpForge.Cli.Tests;

/// <summary>The one-pass envelope reader the trace proxy records every message with.</summary>
public sealed class RpcEnvelopeTests
{
    private static RpcEnvelope Read(string json) => RpcEnvelope.Read(Encoding.UTF8.GetBytes(json));

    [Fact]
    public void Requests_notifications_responses_and_errors_are_told_apart()
    {
        Assert.Equal(new RpcEnvelope(RpcKind.Request, "7", "tools/call", null, "echo", null),
            Read("""{"jsonrpc":"2.0","id":7,"method":"tools/call","params":{"name":"echo","arguments":{"name":"not this one"}}}"""));
        Assert.Equal(new RpcEnvelope(RpcKind.Request, "\"r-1\"", "resources/read", null, "file:///a", null),
            Read("""{"method":"resources/read","params":{"uri":"file:///a"},"id":"r-1","jsonrpc":"2.0"}"""));
        Assert.Equal(new RpcEnvelope(RpcKind.Notification, null, "notifications/progress", null, null, null),
            Read("""{"jsonrpc":"2.0","method":"notifications/progress","params":{"progressToken":1,"progress":2}}"""));
        Assert.Equal(new RpcEnvelope(RpcKind.Response, "1", null, null, null, null), Read("""{"jsonrpc":"2.0","id":1,"result":{"tools":[]}}"""));
        Assert.Equal(new RpcEnvelope(RpcKind.Error, "null", null, -32700, null, null), Read("""{"jsonrpc":"2.0","id":null,"error":{"code":-32700,"message":"Parse error"}}"""));
    }

    [Fact]
    public void What_is_not_JSON_RPC_says_why()
    {
        Assert.StartsWith("not valid JSON: ", Read("Server starting...").Problem);
        Assert.Equal(RpcKind.Invalid, Read("""{"jsonrpc":"2.0","id":1""").Kind);
        Assert.Equal("a JSON array (batch)", Read("""[{"jsonrpc":"2.0","id":1,"method":"ping"}]""").Problem);
        Assert.Equal("\"jsonrpc\" is not \"2.0\"", Read("""{"jsonrpc":"1.0","id":1,"method":"ping"}""").Problem);
        Assert.Equal("neither a request, a notification nor a response", Read("""{"jsonrpc":"2.0","id":1}""").Problem);
    }
}
