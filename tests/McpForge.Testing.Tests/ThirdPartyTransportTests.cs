using System;
using System.Collections.Generic;
using System.Text;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using McpForge.JsonRpc;
using McpForge.Transports;

namespace McpForge.Testing.Tests;

/// <summary>The tool the third-party transport serves.</summary>
public sealed partial class SeamTools
{
    /// <summary>Adds two integers.</summary>
    /// <param name="a">First addend.</param>
    /// <param name="b">Second addend.</param>
    [McpTool("add", ReadOnly = true)]
    public static long Add(int a, int b) => (long)a + b;
}

/// <summary>
/// A transport of a third party's own, written only against McpForge's public transport seam (<c>McpForge.Transports</c>,
/// experimental MCPFEXP001): this test project sees no internals of McpForge. Each message is handed in whole; every
/// outgoing message comes back through <see cref="IMcpMessageSink.Send"/> with its route.
/// </summary>
internal sealed class InMemoryTransport : IMcpMessageSink, IDisposable
{
    private readonly McpServer _server;
    private readonly Channel<string> _responses = Channel.CreateUnbounded<string>();
    private readonly List<string> _notifications = [];

    public InMemoryTransport(McpServer server)
    {
        _server = server;
        Connection = new McpConnection(server, this, transport: "inproc");
        server.Attach(Connection);
    }

    public McpConnection Connection { get; }

    /// <summary>Notifications and the server's own requests, in the order they were sent.</summary>
    public IReadOnlyList<string> Notifications
    {
        get
        {
            lock (_notifications) return [.. _notifications];
        }
    }

    /// <summary>Any thread may send; the bytes are only valid during the call, so they are copied.</summary>
    void IMcpMessageSink.Send(ReadOnlySpan<byte> message, McpMessageRoute route)
    {
        var json = Encoding.UTF8.GetString(message);
        if (route.Kind == McpOutgoingKind.Response)
        {
            _responses.Writer.TryWrite(json);
            return;
        }
        lock (_notifications) _notifications.Add(json);
    }

    /// <summary>Hands in one message; a notification gets no answer.</summary>
    public void Post(string json) => Connection.HandleMessage(Encoding.UTF8.GetBytes(json));

    /// <summary>Hands in a request and waits for its response (a tool may answer later, from another thread).</summary>
    public Task<string> RequestAsync(string json, CancellationToken cancellationToken)
    {
        Post(json);
        return NextResponseAsync(cancellationToken);
    }

    /// <summary>The next response the server sends.</summary>
    public async Task<string> NextResponseAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        return await _responses.Reader.ReadAsync(timeout.Token);
    }

    /// <summary>The client went away: listen streams end, calls in flight are cancelled, the session closes.</summary>
    public void Dispose()
    {
        _server.EndSubscriptions(Connection, graceful: false);
        Connection.CancelAll();
        _server.Detach(Connection);
    }
}

public sealed class ThirdPartyTransportTests
{
    private static McpServer Server()
    {
        var builder = McpServer.CreateBuilder("seam", "1.0.0").AddTools<SeamTools>();
        builder.Options.ErrorLog = System.IO.TextWriter.Null;
        return builder.Build();
    }

    [Fact]
    public async Task A_session_era_client_initializes_lists_and_calls_over_a_transport_of_its_own()
    {
        var ct = TestContext.Current.CancellationToken;
        using var transport = new InMemoryTransport(Server());

        var initialize = await transport.RequestAsync(
            """{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"third-party","version":"0.1"}}}""", ct);
        Assert.Equal(ExpectedInitialize, initialize);
        Assert.True(transport.Connection.HasSession);
        Assert.Equal("2025-11-25", transport.Connection.SessionProtocolVersion);

        transport.Post("""{"jsonrpc":"2.0","method":"notifications/initialized"}""");

        var list = await transport.RequestAsync("""{"jsonrpc":"2.0","id":2,"method":"tools/list"}""", ct);
        Assert.Equal(ExpectedList, list);

        var call = await transport.RequestAsync("""{"jsonrpc":"2.0","id":"c-3","method":"tools/call","params":{"name":"add","arguments":{"a":2,"b":40}}}""", ct);
        Assert.Equal(ExpectedCall, call);
        Assert.Empty(transport.Notifications);
    }

    [Fact]
    public async Task A_2026_07_28_request_is_served_on_its_own_without_a_session()
    {
        var ct = TestContext.Current.CancellationToken;
        using var transport = new InMemoryTransport(Server());

        var call = await transport.RequestAsync(
            """{"jsonrpc":"2.0","id":7,"method":"tools/call","params":{"name":"add","arguments":{"a":1,"b":2},"_meta":{"io.modelcontextprotocol/protocolVersion":"2026-07-28","io.modelcontextprotocol/clientCapabilities":{}}}}""", ct);
        Assert.Equal(ExpectedModernCall, call);
        Assert.False(transport.Connection.HasSession); // nothing of the request stays
    }

    [Fact]
    public async Task A_transport_reads_the_envelope_to_route_and_dispatches_itself()
    {
        // What Streamable HTTP does: read the envelope first (kind, id, era, method), decide where the answer goes, then
        // dispatch the same bytes with the caller it authenticated.
        var ct = TestContext.Current.CancellationToken;
        var server = Server();
        using var transport = new InMemoryTransport(server);
        var bytes = Encoding.UTF8.GetBytes(
            """{"jsonrpc":"2.0","id":9,"method":"tools/call","params":{"name":"add","arguments":{"a":20,"b":22},"_meta":{"io.modelcontextprotocol/protocolVersion":"2026-07-28","io.modelcontextprotocol/clientCapabilities":{}}}}""");
        var envelope = JsonRpcEnvelope.Read(bytes, maxDepth: 64);
        Assert.Equal(JsonRpcMessageKind.Request, envelope.Kind);
        Assert.Equal(McpMethod.ToolsCall, envelope.Method);
        Assert.Equal("tools/call", envelope.MethodName);
        Assert.True(envelope.HasModernClaim);
        Assert.True(envelope.RunsHandler);
        Assert.True(envelope.Id.TryGetNumber(out var id) && id == 9);

        Assert.True(McpConnection.TryReadModernMeta(server, envelope, bytes, out var meta, out _));
        Assert.Equal("2026-07-28", meta.ProtocolVersion);
        Assert.True(McpConnection.CheckModernTarget(server, envelope, meta.ProtocolVersion, out _));
        transport.Connection.DispatchModern(envelope, bytes, meta, McpCaller.Unchecked);
        Assert.Equal(ExpectedDispatched, await transport.NextResponseAsync(ct));

        // A refusal the transport writes itself has the same shape as the server's errors.
        var unknown = Encoding.UTF8.GetBytes(
            """{"jsonrpc":"2.0","id":10,"method":"tools/nope","params":{"_meta":{"io.modelcontextprotocol/protocolVersion":"2026-07-28","io.modelcontextprotocol/clientCapabilities":{}}}}""");
        var unknownEnvelope = JsonRpcEnvelope.Read(unknown, maxDepth: 64);
        Assert.Equal("tools/nope", unknownEnvelope.MethodName);
        Assert.False(McpConnection.CheckModernTarget(server, unknownEnvelope, "2026-07-28", out var refusal));
        Assert.Equal(JsonRpcErrorCode.MethodNotFound, refusal.Code);
        Assert.Equal(404, refusal.HttpStatus);
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new System.Text.Json.Utf8JsonWriter(buffer)) refusal.WriteResponse(writer, unknownEnvelope.Id);
        Assert.Equal(ExpectedRefusal, Encoding.UTF8.GetString(buffer.WrittenSpan));
    }

    [Theory]
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"add","arguments":{}}}""", true, "\"add\"")]
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"a\u0064d","name":"add"}}""", true, "\"add\"")] // the last, as handlers read it
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"a\u0064d"}}""", true, "\"a\\u0064d\"")] // raw: escapes stay
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":7}}""", true, "")]
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{}}""", true, "")]
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":"resources/read","params":{"name":"x","uri":"notes://one"}}""", true, "\"notes://one\"")]
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":"prompts/get","params":{"name":"greet"}}""", true, "\"greet\"")]
    [InlineData("""{"jsonrpc":"2.0","id":1,"params":{"name":"add"},"method":"tools/call"}""", false, "")]   // the method came after params
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":"tools/list","params":{"name":"add"}}""", false, "")]  // no Mcp-Name for this method
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":"resources/read","params":{"uri":"a"},"method":"tools/call"}""", false, "")] // method changed after params
    public void The_envelope_notes_the_member_the_Mcp_Name_header_repeats(string json, bool noted, string token)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        var envelope = JsonRpcEnvelope.Read(bytes, maxDepth: 64);
        Assert.Equal(noted, envelope.TryGetMcpNameToken(bytes, out var found));
        Assert.Equal(token, Encoding.UTF8.GetString(found));
    }

    [Fact]
    public void A_tool_is_found_by_its_UTF8_name_as_by_its_string_name()
    {
        var server = Server();
        Assert.Same(server.FindTool("add"), server.FindTool("add"u8));
        Assert.NotNull(server.FindTool("add"u8));
        Assert.Null(server.FindTool("subtract"u8));
    }

    private const string ExpectedInitialize =
        """{"jsonrpc":"2.0","id":1,"result":{"protocolVersion":"2025-11-25","capabilities":{"logging":{},"tools":{"listChanged":true}},"serverInfo":{"name":"seam","version":"1.0.0"}}}""";
    private const string ExpectedList =
        """{"jsonrpc":"2.0","id":2,"result":{"tools":[{"name":"add","description":"Adds two integers.","inputSchema":{"type":"object","properties":{"a":{"type":"integer","minimum":-2147483648,"maximum":2147483647,"description":"First addend."},"b":{"type":"integer","minimum":-2147483648,"maximum":2147483647,"description":"Second addend."}},"required":["a","b"],"additionalProperties":false},"annotations":{"readOnlyHint":true}}]}}""";
    private const string ExpectedCall =
        """{"jsonrpc":"2.0","id":"c-3","result":{"content":[{"type":"text","text":"42"}]}}""";
    private const string ExpectedModernCall =
        """{"jsonrpc":"2.0","id":7,"result":{"content":[{"type":"text","text":"3"}],"structuredContent":3,"resultType":"complete","_meta":{"io.modelcontextprotocol/serverInfo":{"name":"seam","version":"1.0.0"}}}}""";
    private const string ExpectedRefusal =
        """{"jsonrpc":"2.0","id":10,"error":{"code":-32601,"message":"Method not found","data":{"method":"tools/nope"}}}""";
    private const string ExpectedDispatched =
        """{"jsonrpc":"2.0","id":9,"result":{"content":[{"type":"text","text":"42"}],"structuredContent":42,"resultType":"complete","_meta":{"io.modelcontextprotocol/serverInfo":{"name":"seam","version":"1.0.0"}}}}""";
}
