using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace McpForge.IntegrationTests;

/// <summary>
/// The official TypeScript SDK client (npm <c>@modelcontextprotocol/sdk</c>, tests/client-ts) drives QuickStart over
/// stdio: what a real MCP host does. eng/test.sh installs the client's packages first.
/// </summary>
public sealed class TypeScriptClientTests
{
    [Fact]
    public async Task The_official_TypeScript_client_lists_and_calls_QuickStart_tools_over_stdio()
    {
        var clientFolder = Path.Combine(RepositoryPaths.Root, "tests", "client-ts");
        Assert.True(Directory.Exists(Path.Combine(clientFolder, "node_modules", "@modelcontextprotocol", "sdk")),
            "npm packages missing: run `npm ci --prefix tests/client-ts` (eng/test.sh does)");

        var info = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Path.Combine(clientFolder, "stdio-client.mjs"));
        info.ArgumentList.Add("dotnet");
        info.ArgumentList.Add(RepositoryPaths.BuiltAssembly("samples/QuickStart", "QuickStart"));
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        Assert.True(process.ExitCode == 0, "the TypeScript client failed:\n" + await stderr);

        var seen = JsonDocument.Parse(await stdout).RootElement;
        Assert.Equal("quickstart", seen.GetProperty("server").GetProperty("name").GetString());
        Assert.Equal(["echo", "add", "countdown"], seen.GetProperty("tools").EnumerateArray().Select(t => t.GetString()).ToArray());
        Assert.Equal("from TypeScript", seen.GetProperty("echo").GetString());
        Assert.Equal("42", seen.GetProperty("add").GetString());
        Assert.Equal("Liftoff after 3 steps.", seen.GetProperty("countdown").GetString());
        var progress = seen.GetProperty("progress").EnumerateArray().Select(p => p.GetDouble()).ToArray();
        Assert.True(progress.Length >= 3 && progress.SequenceEqual(progress.Order()), "progress: " + string.Join(",", progress));
        Assert.True(seen.GetProperty("invalidIsError").GetBoolean());
        Assert.Contains("/b: required argument is missing", seen.GetProperty("invalidText").GetString());
        Assert.Equal(-32602, seen.GetProperty("unknown").GetProperty("code").GetInt32());
    }
}
