using System;
using System.Collections.Generic;
using System.Text.Json;

namespace McpForge.IntegrationTests;

/// <summary>
/// A DI scope per call over stdio (tests/Fixtures/HostedStdioServer under the Generic Host, scope validation on, as a
/// real child process): each call, of either protocol era, gets its own scoped <c>UnitOfWork</c> through its constructor,
/// a <c>[FromServices]</c> parameter and <c>McpContext.Services</c> alike, and the scope is disposed when the call ends,
/// whether it answered, threw, was cancelled or timed out. A service that fails to dispose is logged; the answer stands.
/// </summary>
public sealed class ScopedServicesStdioTests
{
    private const string ModernMeta = """
        "_meta":{"io.modelcontextprotocol/protocolVersion":"2026-07-28","io.modelcontextprotocol/clientCapabilities":{}}
        """;

    private static ChildProcess Start(Dictionary<string, string>? environment = null) =>
        ChildProcess.Start("dotnet", environment ?? [], RepositoryPaths.BuiltAssembly("tests/Fixtures/HostedStdioServer", "HostedStdioServer"));

    private static string Text(JsonElement response) => response.GetProperty("result").GetProperty("content")[0].GetProperty("text").GetString()!;

    private static string Disposals(ChildProcess server, long id, int atLeast) =>
        Text(server.Request(id, "tools/call", $$$"""{"name":"disposals","arguments":{"atLeast":{{{atLeast}}}}}"""));

    [Fact]
    public async System.Threading.Tasks.Task Each_call_of_either_era_gets_its_own_scope_disposed_when_it_ends()
    {
        await using var server = Start();
        server.Initialize();
        Assert.Equal("unit 1, one per call: True, tag: none", Text(server.Request(1, "tools/call", """{"name":"unit_of_work","arguments":{}}""")));
        Assert.Equal("unit 2, one per call: True, tag: none", Text(server.Request(2, "tools/call", """{"name":"unit_of_work","arguments":{}}""")));
        // A 2026-07-28 request on the same stdin is served on its own, in a scope of its own.
        var modern = server.Request(3, "tools/call", """{"name":"unit_of_work","arguments":{},""" + ModernMeta + "}");
        Assert.Equal("complete", modern.GetProperty("result").GetProperty("resultType").GetString());
        Assert.Equal("unit 3, one per call: True, tag: none", Text(modern));
        Assert.Equal("created 3, disposed 3", Disposals(server, 4, atLeast: 3));
    }

    [Fact]
    public async System.Threading.Tasks.Task A_call_that_throws_is_cancelled_or_times_out_disposes_its_scope_too()
    {
        await using var server = Start(new() { ["McpForge__ToolTimeout"] = "00:00:01" });
        server.Initialize();

        var failed = server.Request(1, "tools/call", """{"name":"unit_then_fail","arguments":{}}""");
        Assert.True(failed.GetProperty("result").GetProperty("isError").GetBoolean());
        Assert.Contains("unit 1 failed", Text(failed));

        server.Send("""{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"unit_until_cancelled","arguments":{},"_meta":{"progressToken":"p2"}}}""");
        Assert.Contains("\"progressToken\":\"p2\"", server.ReadLine());
        server.Send("""{"jsonrpc":"2.0","method":"notifications/cancelled","params":{"requestId":2}}""");

        server.Send("""{"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"unit_until_cancelled","arguments":{},"_meta":{"progressToken":"p3"}}}""");
        var (timedOut, _) = server.ReadResponse(3);
        Assert.Equal(-32001, timedOut.GetProperty("error").GetProperty("code").GetInt32());

        Assert.Equal("created 3, disposed 3", Disposals(server, 4, atLeast: 3));
    }

    [Fact]
    public async System.Threading.Tasks.Task A_service_that_fails_to_dispose_is_logged_and_the_answer_stands()
    {
        await using var server = Start();
        server.Initialize();
        Assert.Equal("answered", Text(server.Request(1, "tools/call", """{"name":"faulty_disposal","arguments":{}}""")));
        server.WaitForStandardError("Disposing the services of a call failed");
        server.WaitForStandardError("FaultyDisposal could not be disposed");
        Assert.Equal("unit 1, one per call: True, tag: none", Text(server.Request(2, "tools/call", """{"name":"unit_of_work","arguments":{}}""")));
    }
}
