using System;
using System.Linq;
using System.Threading.Tasks;
using McpForge.Cli.Tests.Infrastructure;

namespace McpForge.Cli.Tests;

/// <summary><c>mcpforge doctor</c> against samples/Everything, every MCP feature McpForge has: all checks pass, over stdio and HTTP.</summary>
public sealed class DoctorEverythingTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(90);

    /// <summary>How long an HTTP server may take to listen on a busy machine.</summary>
    private static readonly TimeSpan s_kestrelStart = TimeSpan.FromSeconds(60);

    private static string EverythingDll => RepositoryPaths.BuiltAssembly("samples/Everything", "Everything");

    [Fact]
    public async Task Everything_over_stdio_passes_every_check()
    {
        // Latency is measured against the broken server (DoctorStdioTests); here a loaded machine must not turn a pass into a warning.
        var result = await ProcessRunner.CliAsync(s_timeout, "doctor", "--json", "--slow-ms", "120000", "--", "dotnet", EverythingDll, "--stdio");
        var report = DoctorJson.Parse(result);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Empty(report.Ids("failed"));
        Assert.Empty(report.Ids("warned"));
        Assert.Empty(report.Ids("skipped")); // tools, resources, templates and prompts: every list applies
        Assert.Equal("mcpforge-everything", report.Root.GetProperty("server").GetProperty("name").GetString());
        Assert.Equal(21, report.Checks.Count);
    }

    [Fact]
    public async Task Everything_over_Streamable_HTTP_passes_every_check()
    {
        await using var server = await HttpServerProcess.StartAsync("dotnet", [EverythingDll], s_kestrelStart);
        // As over stdio: latency is checked elsewhere, against a server that is slow on purpose.
        var result = await ProcessRunner.CliAsync(s_timeout, "doctor", "--json", "--slow-ms", "120000", "--url", server.Mcp.ToString());
        var report = DoctorJson.Parse(result);
        Assert.True(result.ExitCode == 0, result + "\nserver log:\n" + server.Output);
        Assert.Empty(report.Ids("failed"));
        Assert.Empty(report.Ids("warned"));
        // Only what cannot apply to a plain-HTTP server without a token is skipped.
        Assert.Equal(["http.tls", "http.token"], report.Ids("skipped").Order());
        Assert.Equal("a request without a method gave HTTP 400 and -32600 (Invalid Request)", report.Detail("errors.invalid-request"));
        Assert.StartsWith("session id issued (", report.Detail("http.session"));
        Assert.StartsWith("GET /health gave 200", report.Detail("http.health"));
        Assert.StartsWith("resident ", report.Detail("process.memory")); // from /health's memory.workingSetBytes
    }
}
