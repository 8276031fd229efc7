using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;

namespace McpForge.IntegrationTests;

/// <summary>Stray Console output (the most common stdio failure) goes to stderr, never into the JSON-RPC stream.</summary>
public sealed class StrayOutputTests
{
    [Fact]
    public async Task Console_writes_from_startup_and_tools_reach_stderr_not_stdout()
    {
        await using var server = ChildProcess.Start("dotnet", RepositoryPaths.BuiltAssembly("tests/Fixtures/StdioFixtureServer", "StdioFixtureServer"));
        server.Initialize();
        var response = server.Request(1, "tools/call", """{"name":"shout","arguments":{"text":"hi"}}""");
        Assert.Equal("HI", response.GetProperty("result").GetProperty("content")[0].GetProperty("text").GetString());
        server.CloseInput();

        var rest = server.ReadToEnd();
        Assert.All(rest, line => Assert.Equal("2.0", JsonDocument.Parse(line).RootElement.GetProperty("jsonrpc").GetString()));
        Assert.True(server.WaitForExit(System.TimeSpan.FromSeconds(10)));
        Assert.Contains("stray write from a background thread", server.StandardError);
        Assert.Contains("stray Console.WriteLine: hi", server.StandardError);
        Assert.Contains("stray Console.Out.Write", server.StandardError);
    }

    [Fact]
    public async Task Logs_at_every_level_reach_stderr_never_stdout()
    {
        await using var server = ChildProcess.Start("dotnet", new System.Collections.Generic.Dictionary<string, string> { ["MCPFORGE_LOG_LEVEL"] = "debug" },
            RepositoryPaths.BuiltAssembly("tests/Fixtures/StdioFixtureServer", "StdioFixtureServer"));
        server.Initialize();
        var failed = server.Request(1, "tools/call", """{"name":"fail","arguments":{}}""");
        Assert.Equal("the disk is full", failed.GetProperty("result").GetProperty("content")[0].GetProperty("text").GetString());
        server.Send("""{"jsonrpc":"2.0","id":99,"result":{}}"""); // answers nothing: a warning
        server.Request(2, "ping");
        server.CloseInput();
        Assert.All(server.ReadToEnd(), line => Assert.Equal("2.0", JsonDocument.Parse(line).RootElement.GetProperty("jsonrpc").GetString()));
        Assert.True(server.WaitForExit(System.TimeSpan.FromSeconds(10)));
        var stderr = server.StandardError;
        Assert.Contains("McpForge[dbug] Session started over pipe: client integration-tests 1.0, protocol 2025-11-25", stderr);
        Assert.Contains("McpForge[fail] tool 'fail' failed", stderr);
        Assert.Contains("System.InvalidOperationException: the disk is full", stderr); // the stack trace stays here
        Assert.Contains("McpForge[warn] A response with id 99 answers no request this server sent; it was dropped", stderr);
    }
}
