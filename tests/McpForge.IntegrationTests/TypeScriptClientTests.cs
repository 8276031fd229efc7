using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;

namespace McpForge.IntegrationTests;

/// <summary>
/// The official TypeScript SDK client (npm <c>@modelcontextprotocol/sdk</c>, tests/client-ts) drives QuickStart over
/// stdio: what a real MCP host does. eng/test.sh installs the client's packages first.
/// </summary>
public sealed class TypeScriptClientTests
{
    /// <summary>Runs a script of tests/client-ts against a server command and returns what it printed.</summary>
    internal static async Task<JsonElement> RunClientAsync(string script, params string[] serverCommand)
    {
        var clientFolder = Path.Combine(RepositoryPaths.Root, "tests", "client-ts");
        Assert.True(Directory.Exists(Path.Combine(clientFolder, "node_modules", "@modelcontextprotocol", "sdk")),
            "npm packages missing: run `npm ci --prefix tests/client-ts` (eng/test.sh does)");

        var result = await ChildProcess.RunAsync("node", [Path.Combine(clientFolder, script), .. serverCommand], TimeSpan.FromSeconds(60));
        Assert.True(result.ExitCode == 0, "the TypeScript client failed:\n" + result.Stderr);
        return JsonDocument.Parse(result.Stdout).RootElement.Clone();
    }

    /// <summary>
    /// The progress call of everything-client.mjs and modern-client.mjs (test_tool_with_progress): on the wire the server
    /// wrote 0, 50 and 100, all before the result. The SDK's onprogress callback got a prefix of them in order: it can miss
    /// the last report when it reaches the client in the same read as the result (typescript-sdk#2580, a client race no
    /// server can avoid), so only the wire is asserted whole.
    /// </summary>
    internal static void AssertProgressBeforeResult(JsonElement seen)
    {
        Assert.Equal("""[0,50,100,"result"]""", seen.GetProperty("progressWire").GetRawText());
        double[] written = [0, 50, 100];
        var delivered = seen.GetProperty("progress").EnumerateArray().Select(p => p.GetDouble()).ToArray();
        Assert.Equal(written.Take(delivered.Length), delivered);
    }

    [Fact]
    public async Task The_official_TypeScript_client_lists_and_calls_QuickStart_tools_over_stdio()
    {
        var seen = await RunClientAsync("stdio-client.mjs", "dotnet", RepositoryPaths.BuiltAssembly("samples/QuickStart", "QuickStart"));
        Assert.Equal("quickstart", seen.GetProperty("server").GetProperty("name").GetString());
        Assert.Equal(["echo", "add", "countdown"], seen.GetProperty("tools").EnumerateArray().Select(t => t.GetString()).ToArray());
        Assert.Equal("from TypeScript", seen.GetProperty("echo").GetString());
        Assert.Equal("42", seen.GetProperty("add").GetString());
        Assert.Equal("Liftoff after 3 steps.", seen.GetProperty("countdown").GetString());
        // Read by a notification handler, which the SDK never retires: every report arrives, in order.
        Assert.Equal([0d, 1d, 2d, 3d], seen.GetProperty("progress").EnumerateArray().Select(p => p.GetDouble()).ToArray());
        Assert.True(seen.GetProperty("invalidIsError").GetBoolean());
        Assert.Contains("/b: required argument is missing", seen.GetProperty("invalidText").GetString());
        Assert.Equal(-32602, seen.GetProperty("unknown").GetProperty("code").GetInt32());
    }

    [Fact]
    public async Task The_official_TypeScript_client_uses_the_FileSystem_sample_and_path_traversal_is_refused()
    {
        var folder = Path.Combine(Path.GetTempPath(), "mcpforge-fs-" + Guid.NewGuid().ToString("N"));
        try
        {
            Directory.CreateDirectory(Path.Combine(folder, "served", "docs"));
            File.WriteAllText(Path.Combine(folder, "served", "docs", "readme.md"), "# Read me\n");
            File.WriteAllText(Path.Combine(folder, "secret.txt"), "top secret");

            var seen = await RunClientAsync("stdio-filesystem.mjs", "dotnet",
                RepositoryPaths.BuiltAssembly("samples/FileSystem", "FileSystem"), Path.Combine(folder, "served"));

            Assert.Equal(["completions", "logging", "prompts", "resources", "tools"], seen.GetProperty("capabilities").EnumerateArray().Select(c => c.GetString()).ToArray());
            Assert.Equal(["list_directory", "find_files"], seen.GetProperty("tools").EnumerateArray().Select(t => t.GetString()).ToArray());
            Assert.Equal("docs/", seen.GetProperty("listing").GetString());
            Assert.Equal(["fs://root"], seen.GetProperty("resources").EnumerateArray().Select(r => r.GetString()).ToArray());
            Assert.Equal(["files:///{+path}"], seen.GetProperty("templates").EnumerateArray().Select(t => t.GetString()).ToArray());
            Assert.Equal("# Read me\n", seen.GetProperty("readme").GetString());
            Assert.Equal("Summarise the file below in about 20 words.", seen.GetProperty("promptFirst").GetString());
            Assert.Equal("# Read me\n", seen.GetProperty("promptEmbedded").GetString());
            Assert.Equal(-32603, seen.GetProperty("traversalRead").GetProperty("code").GetInt32());
            Assert.Equal(-32603, seen.GetProperty("encodedTraversalRead").GetProperty("code").GetInt32());
            Assert.True(seen.GetProperty("traversalTool").GetProperty("isError").GetBoolean());
            Assert.Equal("'../' is outside the served folder.", seen.GetProperty("traversalTool").GetProperty("text").GetString());
            Assert.Equal(-32002, seen.GetProperty("missing").GetProperty("code").GetInt32());
            Assert.DoesNotContain("top secret", seen.GetRawText());
        }
        finally
        {
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
        }
    }
}
