using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;

namespace McpForge.IntegrationTests;

/// <summary>
/// A stdio server under the Generic Host (tests/Fixtures/HostedStdioServer: <c>Host.CreateApplicationBuilder</c>,
/// <c>AddMcpServer</c>, <c>AddMcpStdioTransport</c>) as a real child process: it serves its tools, its logs never reach
/// stdout, SIGTERM lets a call in progress finish (or cancels it after <c>McpForge:ShutdownTimeout</c>) and exits 0,
/// and a bad <c>McpForge__…</c> value stops it before it serves, naming the key.
/// </summary>
public sealed class HostedStdioTests
{
    private static readonly TimeSpan s_exit = TimeSpan.FromSeconds(30);

    private static ChildProcess Start(Dictionary<string, string> environment) =>
        ChildProcess.Start("dotnet", environment, RepositoryPaths.BuiltAssembly("tests/Fixtures/HostedStdioServer", "HostedStdioServer"));

    [Fact]
    public async System.Threading.Tasks.Task It_serves_its_tools_and_every_log_entry_goes_to_stderr()
    {
        // Configuration that would put console logs on stdout: the transport's setting must win over it.
        await using var server = Start(new() { ["Logging__Console__LogToStandardErrorThreshold"] = "None", ["Logging__LogLevel__Default"] = "Debug" });
        Assert.Equal("hosted-fixture", server.Initialize().GetProperty("result").GetProperty("serverInfo").GetProperty("name").GetString());
        Assert.Equal("""{"content":[{"type":"text","text":"hi"}]}""",
            server.Request(1, "tools/call", """{"name":"echo","arguments":{"text":"hi"}}""").GetProperty("result").GetRawText());
        server.WaitForStandardError("fixture built its host");
        server.WaitForStandardError("Serving MCP server hosted-fixture 1.0.0 over stdio");
        server.WaitForStandardError("echo called with hi"); // the tool's ILogger

        server.CloseInput(); // the client's way to end a stdio session: the host stops by itself
        var rest = server.ReadToEnd();
        Assert.True(server.WaitForExit(s_exit), "the host did not exit when its input closed. stderr:\n" + server.StandardError);
        Assert.Equal(0, server.ExitCode);
        Assert.Empty(rest); // stdout carried the two answers and nothing else
    }

    [Fact]
    public async System.Threading.Tasks.Task On_SIGTERM_a_call_in_progress_is_answered_and_the_host_exits_with_0()
    {
        // The host alone would give its services 1 s to stop; the call needs 3 s more once stopping begins, within the
        // server's 30 s ShutdownTimeout, so the transport must have raised the host's timeout to leave room for it.
        await using var server = Start(new() { ["DOTNET_shutdownTimeoutSeconds"] = "1", ["McpForge__ShutdownTimeout"] = "00:00:30" });
        server.Initialize();
        server.Send("""{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"finish_after_stop","arguments":{"workAfterStopMs":3000},"_meta":{"progressToken":"p"}}}""");
        AssertProgress(server.ReadLine());

        server.Terminate();
        var (response, _) = server.ReadResponse(1);
        Assert.Equal("finished after stop", response.GetProperty("result").GetProperty("content")[0].GetProperty("text").GetString());
        Assert.True(server.WaitForExit(s_exit), "the host did not exit after SIGTERM. stderr:\n" + server.StandardError);
        Assert.Equal(0, server.ExitCode);
    }

    [Fact]
    public async System.Threading.Tasks.Task On_SIGTERM_a_call_that_outlives_ShutdownTimeout_is_cancelled_and_the_host_exits_with_0()
    {
        await using var server = Start(new() { ["McpForge__ShutdownTimeout"] = "00:00:01" });
        server.Initialize();
        server.Send("""{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"wait_for_cancellation","arguments":{},"_meta":{"progressToken":"p"}}}""");
        AssertProgress(server.ReadLine());

        server.Terminate();
        Assert.True(server.WaitForExit(s_exit), "the host did not exit after SIGTERM. stderr:\n" + server.StandardError);
        Assert.Equal(0, server.ExitCode);
        var log = server.StandardError;
        Assert.True(log.Contains("wait_for_cancellation was cancelled", StringComparison.Ordinal), "the call was not cancelled. stderr:\n" + log);
        Assert.DoesNotContain(server.ReadToEnd(), line => line.Contains("\"id\":1", StringComparison.Ordinal)); // cancelled: no answer
    }

    [Theory]
    [InlineData("McpForge__PageSize", "0", "McpForge:PageSize must be at least 1, not 0.")]
    [InlineData("McpForge__ShutdownTimeout", "-00:00:05", "McpForge:ShutdownTimeout must not be negative")]
    [InlineData("McpForge__ToolTimeout", "soon", "Failed to convert configuration value 'soon' at 'McpForge:ToolTimeout'")]
    [InlineData("McpForge__WhenBusy", "Panic", "at 'McpForge:WhenBusy'")]
    [InlineData("McpForge__PagSize", "50", "were not found on the instance of McpForge.Hosting.McpServerOptionsSection: 'PagSize'")]
    public async System.Threading.Tasks.Task A_bad_McpForge_value_stops_the_host_before_it_serves_and_names_the_key(string variable, string value, string message)
    {
        await using var server = Start(new() { [variable] = value });
        var stdout = server.ReadToEnd();
        Assert.True(server.WaitForExit(s_exit), "the host did not stop. stderr:\n" + server.StandardError);
        Assert.NotEqual(0, server.ExitCode);
        Assert.Empty(stdout);
        // The host also logs "Hosting failed to start"; what is certain to reach stderr is the exception RunAsync throws.
        var log = server.StandardError;
        Assert.Contains(message, log);
        Assert.DoesNotContain("Serving MCP server", log);
    }

    private static void AssertProgress(string line)
    {
        var message = JsonDocument.Parse(line).RootElement;
        Assert.Equal("notifications/progress", message.GetProperty("method").GetString());
        Assert.Equal("p", message.GetProperty("params").GetProperty("progressToken").GetString());
    }
}
