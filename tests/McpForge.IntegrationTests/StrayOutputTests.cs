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
        await using var server = StdioProcess.StartDotnet(RepositoryPaths.BuiltAssembly("tests/Fixtures/StdioFixtureServer", "StdioFixtureServer"));
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
}
