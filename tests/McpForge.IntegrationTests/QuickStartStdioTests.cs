using System;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;

namespace McpForge.IntegrationTests;

/// <summary>samples/QuickStart as a real child process (JIT build), spoken to over stdio.</summary>
public sealed class QuickStartStdioTests
{
    private static ChildProcess StartQuickStart() =>
        ChildProcess.Start("dotnet", RepositoryPaths.BuiltAssembly("samples/QuickStart", "QuickStart"));

    [Fact]
    public async Task Initialize_negotiates_the_version_and_describes_the_server()
    {
        await using var server = StartQuickStart();
        var response = server.Initialize("2025-06-18");

        var result = response.GetProperty("result");
        Assert.Equal("2025-06-18", result.GetProperty("protocolVersion").GetString());
        Assert.Equal("quickstart", result.GetProperty("serverInfo").GetProperty("name").GetString());
        Assert.Equal(JsonValueKind.Object, result.GetProperty("capabilities").GetProperty("tools").ValueKind);
    }

    [Fact]
    public async Task Tools_list_and_calls_follow_the_benchmark_contract()
    {
        await using var server = StartQuickStart();
        server.Initialize();

        var tools = server.Request(1, "tools/list").GetProperty("result").GetProperty("tools");
        Assert.Equal(["echo", "add", "countdown"], tools.EnumerateArray().Select(t => t.GetProperty("name").GetString()).ToArray());
        Assert.Equal("""{"type":"object","properties":{"message":{"type":"string","description":"The message to echo."}},"required":["message"],"additionalProperties":false}""",
            tools[0].GetProperty("inputSchema").GetRawText());

        var echo = server.Request(2, "tools/call", """{"name":"echo","arguments":{"message":"héllo \"world\""}}""");
        Assert.Equal("""{"jsonrpc":"2.0","id":2,"result":{"content":[{"type":"text","text":"héllo \"world\""}]}}""", echo.GetRawText());

        var add = server.Request(3, "tools/call", """{"name":"add","arguments":{"a":2147483647,"b":1}}""");
        Assert.Equal("""{"jsonrpc":"2.0","id":3,"result":{"content":[{"type":"text","text":"2147483648"}]}}""", add.GetRawText());
    }

    [Fact]
    public async Task Countdown_reports_progress_before_its_result()
    {
        await using var server = StartQuickStart();
        server.Initialize();

        server.Send("""{"jsonrpc":"2.0","id":7,"method":"tools/call","params":{"name":"countdown","arguments":{"from":3,"delayMs":5},"_meta":{"progressToken":"tok"}}}""");
        var (response, before) = server.ReadResponse(7);

        Assert.Equal("Liftoff after 3 steps.", response.GetProperty("result").GetProperty("content")[0].GetProperty("text").GetString());
        var progress = before.Where(m => m.GetProperty("method").GetString() == "notifications/progress").ToList();
        Assert.Equal(4, progress.Count);
        Assert.All(progress, p => Assert.Equal("tok", p.GetProperty("params").GetProperty("progressToken").GetString()));
        Assert.Equal([0d, 1d, 2d, 3d], progress.Select(p => p.GetProperty("params").GetProperty("progress").GetDouble()).ToArray());
    }

    [Fact]
    public async Task Closing_stdin_answers_every_request_already_read_then_exits()
    {
        await using var server = StartQuickStart();
        server.Initialize();
        for (var id = 1; id <= 20; id++)
        {
            var call = id % 5 == 0
                ? """{"name":"countdown","arguments":{"from":2,"delayMs":20}}"""
                : """{"name":"add","arguments":{"a":1,"b":1}}""";
            server.Send($$$"""{"jsonrpc":"2.0","id":{{{id}}},"method":"tools/call","params":{{{call}}}}""");
        }
        server.CloseInput();

        var ids = server.ReadToEnd()
            .Select(line => JsonDocument.Parse(line).RootElement)
            .Where(m => m.TryGetProperty("id", out _))
            .Select(m => m.GetProperty("id").GetInt64())
            .Order()
            .ToArray();

        Assert.Equal(Enumerable.Range(1, 20).Select(i => (long)i).ToArray(), ids);
        Assert.True(server.WaitForExit(TimeSpan.FromSeconds(10)), "the server did not exit after stdin closed");
        Assert.Equal(0, server.ExitCode);
    }

    [Fact]
    public async Task Bad_input_gets_documented_errors_and_the_server_keeps_serving()
    {
        await using var server = StartQuickStart();
        server.Initialize();

        server.Send("this is not json");
        var parse = JsonDocument.Parse(server.ReadLine()).RootElement;
        Assert.Equal(-32700, parse.GetProperty("error").GetProperty("code").GetInt32());
        Assert.Equal(JsonValueKind.Null, parse.GetProperty("id").ValueKind);

        var unknownMethod = server.Request(1, "resources/list");
        Assert.Equal("""{"code":-32601,"message":"Method not found","data":{"method":"resources/list"}}""", unknownMethod.GetProperty("error").GetRawText());

        var unknownTool = server.Request(2, "tools/call", """{"name":"nope","arguments":{}}""");
        Assert.Equal(-32602, unknownTool.GetProperty("error").GetProperty("code").GetInt32());

        var wrongType = server.Request(3, "tools/call", """{"name":"add","arguments":{"a":"one","b":2}}""");
        Assert.True(wrongType.GetProperty("result").GetProperty("isError").GetBoolean());
        Assert.Equal("/a", wrongType.GetProperty("result").GetProperty("structuredContent").GetProperty("errors")[0].GetProperty("path").GetString());

        var echo = server.Request(4, "tools/call", """{"name":"echo","arguments":{"message":"still here"}}""");
        Assert.Equal("still here", echo.GetProperty("result").GetProperty("content")[0].GetProperty("text").GetString());
    }
}
