using System;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using McpForge.Cli.Tests.Infrastructure;

namespace McpForge.Cli.Tests;

/// <summary><c>mcpforge list</c> and <c>mcpforge call</c>: quick checks from a shell, over stdio and HTTP.</summary>
public sealed class ListAndCallTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task List_prints_QuickStart_tools_with_their_descriptions()
    {
        var result = await ProcessRunner.CliAsync(s_timeout, "list", "--", "dotnet", Repo.QuickStartDll);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("""
            tools (3):
              echo  Echoes the message back to the client.
              add  Adds two integers and returns the sum.
              countdown  Counts down from a number, one step at a time, reporting progress as it goes.

            """.Replace("\r\n", "\n"), result.Stdout);
    }

    [Fact]
    public async Task List_json_gives_the_lists_as_the_server_sent_them()
    {
        var result = await ProcessRunner.CliAsync(s_timeout, "list", "--json", "--", "node", Repo.ServerEverything, "stdio");
        Assert.True(result.ExitCode == 0, result.ToString());
        var lists = JsonDocument.Parse(result.Stdout).RootElement;
        Assert.Equal(["tools", "resources", "resourceTemplates", "prompts"], lists.EnumerateObject().Select(p => p.Name));
        Assert.Contains("echo", lists.GetProperty("tools").EnumerateArray().Select(t => t.GetProperty("name").GetString()));
        Assert.Equal("object", lists.GetProperty("tools")[0].GetProperty("inputSchema").GetProperty("type").GetString());
    }

    [Fact]
    public async Task Call_prints_the_text_a_tool_returns_and_its_exit_code_tells_success()
    {
        var add = await ProcessRunner.CliAsync(s_timeout, "call", "add", "--args", """{"a":40,"b":2}""", "--", "dotnet", Repo.QuickStartDll);
        Assert.True(add.ExitCode == 0, add.ToString());
        Assert.Equal("42\n", add.Stdout);

        var json = await ProcessRunner.CliAsync(s_timeout, "call", "echo", "--args", """{"message":"hi"}""", "--json", "--", "dotnet", Repo.QuickStartDll);
        Assert.Equal("""{"content":[{"type":"text","text":"hi"}]}""" + "\n", json.Stdout);

        var invalid = await ProcessRunner.CliAsync(s_timeout, "call", "add", "--args", """{"a":1}""", "--", "dotnet", Repo.QuickStartDll);
        Assert.Equal(1, invalid.ExitCode);
        Assert.StartsWith("error: Invalid arguments for tool 'add':", invalid.Stdout);
        Assert.Contains("/b: required argument is missing", invalid.Stdout);

        var unknown = await ProcessRunner.CliAsync(s_timeout, "call", "missing", "--", "dotnet", Repo.QuickStartDll);
        Assert.Equal(1, unknown.ExitCode);
        Assert.StartsWith("mcpforge call: error -32602 (Invalid params): ", unknown.Stderr);

        var notObject = await ProcessRunner.CliAsync(s_timeout, "call", "add", "--args", "[1,2]", "--", "dotnet", Repo.QuickStartDll);
        Assert.Equal(2, notObject.ExitCode);
        Assert.Contains("--args must be a JSON object, not [1,2]", notObject.Stderr);
    }

    [Fact]
    public async Task List_and_call_work_over_Streamable_HTTP()
    {
        await using var server = await NodeHttpServer.StartAsync();
        var list = await ProcessRunner.CliAsync(s_timeout, "list", "--url", server.Url);
        Assert.True(list.ExitCode == 0, list.ToString());
        Assert.Equal("tools (2):\n  echo  Echoes the message back.\n  add  Adds two numbers.\n", list.Stdout);

        var call = await ProcessRunner.CliAsync(s_timeout, "call", "add", "--args", """{"a":2.5,"b":4}""", "--url", server.Url);
        Assert.True(call.ExitCode == 0, call.ToString());
        Assert.Equal("6.5\n", call.Stdout);
    }

    [Fact]
    public async Task A_server_that_cannot_start_is_explained_on_stderr()
    {
        var result = await ProcessRunner.CliAsync(s_timeout, "list", "--", "dotnet", Repo.BrokenServerDll, "--exit-at-once");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("mcpforge: initialize failed: ", result.Stderr);
        Assert.Contains("server stderr:\nfatal: configuration file 'broken.json' not found", result.Stderr);
    }

    [Fact]
    public async Task The_stderr_of_a_server_is_read_to_its_end_after_its_stdout_closed()
    {
        // This server closes its stdout, then writes its reason to stderr 300 ms later: the report must wait for it.
        var result = await ProcessRunner.CliAsync(s_timeout, "list", "--", "sh", "-c",
            "exec >&-; sleep 0.3; echo \"fatal: configuration file 'broken.json' not found\" >&2; exit 3");
        Assert.Equal(1, result.ExitCode);
        // Whether the closed stdout is seen before or after initialize is sent decides the first line's wording.
        Assert.Matches("^mcpforge: initialize failed: the server (has exited|exited before answering)\nserver stderr:\nfatal: configuration file 'broken.json' not found\n$", result.Stderr);
    }

    [Fact]
    public async Task Headers_given_with_header_go_on_every_request()
    {
        await using var server = await NodeHttpServer.StartAsync("--token", "s3cret");
        var refused = await ProcessRunner.CliAsync(s_timeout, "list", "--url", server.Url);
        Assert.Equal(1, refused.ExitCode);
        Assert.StartsWith("mcpforge: initialize failed: HTTP 401 Unauthorized", refused.Stderr);

        var accepted = await ProcessRunner.CliAsync(s_timeout, "list", "--url", server.Url, "--header", "X-Trace: 1", "-H", "Authorization: Bearer s3cret");
        Assert.True(accepted.ExitCode == 0, accepted.ToString());
        Assert.StartsWith("tools (2):", accepted.Stdout);

        var malformed = await ProcessRunner.CliAsync(s_timeout, "list", "--url", server.Url, "--header", "no colon");
        Assert.Equal(2, malformed.ExitCode);
        Assert.Contains("--header 'no colon': expected 'Name: value'", malformed.Stderr);
    }
}
