using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;

namespace McpForge.IntegrationTests;

/// <summary>
/// Publishes QuickStart with NativeAOT exactly as the README says, fails on any IL or AOT warning, and checks
/// that the native binary answers like the JIT build.
/// </summary>
[Collection(nameof(ReleaseBuildCollection))]
public sealed class NativeAotTests
{
    [Fact]
    public async Task QuickStart_publishes_as_NativeAOT_without_warnings_and_answers_like_the_JIT_build()
    {
        var output = Path.Combine(Path.GetTempPath(), "mcpforge-aot-" + Guid.NewGuid().ToString("N"));
        try
        {
            var (exitCode, log) = await RunAsync("dotnet", ["publish", Path.Combine(RepositoryPaths.Root, "samples", "QuickStart"),
                "-r", "linux-x64", "-p:PublishAot=true", "-o", output, "-nologo"], TimeSpan.FromMinutes(8));
            Assert.True(exitCode == 0, "publish failed:\n" + log);
            var warnings = log.Split('\n').Where(l => l.Contains("warning", StringComparison.OrdinalIgnoreCase)).ToList();
            Assert.True(warnings.Count == 0, "publish printed warnings:\n" + string.Join("\n", warnings));

            var binary = Path.Combine(output, "QuickStart");
            Assert.True(File.Exists(binary), "no native binary at " + binary);

            string nativeTools, jitTools;
            await using (var native = ChildProcess.Start(binary))
            {
                Assert.Equal("2025-11-25", native.Initialize().GetProperty("result").GetProperty("protocolVersion").GetString());
                nativeTools = native.Request(1, "tools/list").GetProperty("result").GetRawText();
                var add = native.Request(2, "tools/call", """{"name":"add","arguments":{"a":40,"b":2}}""");
                Assert.Equal("""{"jsonrpc":"2.0","id":2,"result":{"content":[{"type":"text","text":"42"}]}}""", add.GetRawText());
                var echo = native.Request(3, "tools/call", """{"name":"echo","arguments":{"message":"native"}}""");
                Assert.Equal("native", echo.GetProperty("result").GetProperty("content")[0].GetProperty("text").GetString());
                var bad = native.Request(4, "tools/call", """{"name":"add","arguments":{"a":1}}""");
                Assert.True(bad.GetProperty("result").GetProperty("isError").GetBoolean());
            }
            await using (var jit = ChildProcess.Start("dotnet", RepositoryPaths.BuiltAssembly("samples/QuickStart", "QuickStart")))
            {
                jit.Initialize();
                jitTools = jit.Request(1, "tools/list").GetProperty("result").GetRawText();
            }
            Assert.Equal(jitTools, nativeTools);
        }
        finally
        {
            try { Directory.Delete(output, recursive: true); } catch (IOException) { }
        }
    }

    [Fact]
    public async Task The_FileSystem_sample_publishes_as_NativeAOT_and_serves_resources_prompts_and_completions()
    {
        var output = Path.Combine(Path.GetTempPath(), "mcpforge-aot-fs-" + Guid.NewGuid().ToString("N"));
        var root = Path.Combine(output, "served");
        try
        {
            var (exitCode, log) = await RunAsync("dotnet", ["publish", Path.Combine(RepositoryPaths.Root, "samples", "FileSystem"),
                "-r", "linux-x64", "-p:PublishAot=true", "-o", output, "-nologo"], TimeSpan.FromMinutes(8));
            Assert.True(exitCode == 0, "publish failed:\n" + log);
            var warnings = log.Split('\n').Where(l => l.Contains("warning", StringComparison.OrdinalIgnoreCase)).ToList();
            Assert.True(warnings.Count == 0, "publish printed warnings:\n" + string.Join("\n", warnings));

            Directory.CreateDirectory(Path.Combine(root, "docs"));
            File.WriteAllText(Path.Combine(root, "docs", "readme.md"), "# Read me");
            await using var native = ChildProcess.Start(Path.Combine(output, "FileSystem"), root);
            native.Initialize();
            Assert.Equal("""{"contents":[{"uri":"files:///docs/readme.md","mimeType":"text/plain","text":"# Read me"}]}""",
                native.Request(1, "resources/read", """{"uri":"files:///docs/readme.md"}""").GetProperty("result").GetRawText());
            Assert.Equal("resource", native.Request(2, "prompts/get", """{"name":"summarize_file","arguments":{"path":"docs/readme.md"}}""")
                .GetProperty("result").GetProperty("messages")[1].GetProperty("content").GetProperty("type").GetString());
            Assert.Equal("""{"completion":{"values":["docs/readme.md"],"total":1,"hasMore":false}}""",
                native.Request(3, "completion/complete", """{"ref":{"type":"ref/resource","uri":"files:///{+path}"},"argument":{"name":"path","value":"do"}}""")
                    .GetProperty("result").GetRawText());
            Assert.Equal(-32603, native.Request(4, "resources/read", """{"uri":"files:///../outside.txt"}""").GetProperty("error").GetProperty("code").GetInt32());
        }
        finally
        {
            try { Directory.Delete(output, recursive: true); } catch (IOException) { }
        }
    }

    [Fact]
    public async Task The_Generic_Host_sample_publishes_as_NativeAOT_without_warnings_and_serves_reads_its_settings_and_stops_on_SIGTERM()
    {
        var output = Path.Combine(Path.GetTempPath(), "mcpforge-aot-hosted-" + Guid.NewGuid().ToString("N"));
        try
        {
            var (exitCode, log) = await RunAsync("dotnet", ["publish", Path.Combine(RepositoryPaths.Root, "samples", "HostedStdio"),
                "-r", "linux-x64", "-p:PublishAot=true", "-o", output, "-nologo"], TimeSpan.FromMinutes(8));
            Assert.True(exitCode == 0, "publish failed:\n" + log);
            var warnings = log.Split('\n').Where(l => l.Contains("warning", StringComparison.OrdinalIgnoreCase)).ToList();
            Assert.True(warnings.Count == 0, "publish printed warnings:\n" + string.Join("\n", warnings));

            // Started from another folder, as MCP hosts do: appsettings.json is still found next to the binary.
            await using var native = ChildProcess.Start(Path.Combine(output, "HostedStdio"), new Dictionary<string, string> { ["McpForge__PageSize"] = "2" });
            var initialize = native.Initialize().GetProperty("result");
            Assert.Equal("Notes are kept in memory until the server stops.", initialize.GetProperty("instructions").GetString());
            Assert.Equal("Saved 'groceries'.", native.Request(1, "tools/call", """{"name":"save_note","arguments":{"title":"groceries","text":"eggs"}}""")
                .GetProperty("result").GetProperty("content")[0].GetProperty("text").GetString());
            Assert.Equal("eggs", native.Request(2, "tools/call", """{"name":"read_note","arguments":{"title":"groceries"}}""")
                .GetProperty("result").GetProperty("content")[0].GetProperty("text").GetString());
            var page = native.Request(3, "tools/list").GetProperty("result");
            Assert.Equal(2, page.GetProperty("tools").GetArrayLength()); // McpForge__PageSize reached the server
            Assert.True(page.TryGetProperty("nextCursor", out _));

            native.WaitForStandardError("Saved note groceries"); // the tool's ILogger, on stderr

            native.Terminate();
            Assert.True(native.WaitForExit(TimeSpan.FromSeconds(30)), "no exit after SIGTERM. stderr:\n" + native.StandardError);
            Assert.Equal(0, native.ExitCode);
            Assert.Empty(native.ReadToEnd());
        }
        finally
        {
            try { Directory.Delete(output, recursive: true); } catch (IOException) { }
        }
    }

    internal static async Task<(int ExitCode, string Log)> RunAsync(string fileName, string[] arguments, TimeSpan timeout)
    {
        var result = await ChildProcess.RunAsync(fileName, arguments, timeout);
        return (result.ExitCode, result.Stdout + result.Stderr);
    }
}
