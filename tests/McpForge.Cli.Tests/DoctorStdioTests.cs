using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using McpForge.Cli.Tests.Infrastructure;

namespace McpForge.Cli.Tests;

/// <summary><c>mcpforge doctor -- &lt;command&gt;</c> against real stdio servers: McpForge's, a broken one, and one that is not McpForge's.</summary>
public sealed class DoctorStdioTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task QuickStart_passes_every_check_that_applies()
    {
        var result = await ProcessRunner.CliAsync(s_timeout, "doctor", "--json", "--", "dotnet", Repo.QuickStartDll);
        var report = DoctorJson.Parse(result);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Empty(report.Ids("failed"));
        Assert.Empty(report.Ids("warned"));
        // QuickStart has tools only: the resource and prompt lists do not apply, and nothing else is skipped.
        Assert.Equal(["list.resources", "list.resource-templates", "list.prompts"], report.Ids("skipped"));
        Assert.Equal("quickstart", report.Root.GetProperty("server").GetProperty("name").GetString());
        Assert.Equal("2025-11-25", report.Detail("protocol.version"));
        Assert.Equal("3 tools in 1 page", report.Detail("list.tools"));
        Assert.Equal("'mcpforge/doctor-unknown-method' gave -32601 (Method not found)", report.Detail("errors.unknown-method"));
        Assert.Equal("a line of malformed JSON gave -32700 (Parse error)", report.Detail("errors.parse-error"));
        Assert.Equal("a request without a method gave -32600 (Invalid Request)", report.Detail("errors.invalid-request"));
        Assert.StartsWith("resident ", report.Detail("process.memory"));
        Assert.Equal(0, report.Root.GetProperty("exitCode").GetInt32());
    }

    [Fact]
    public async Task A_broken_server_has_each_of_its_problems_reported_exactly()
    {
        var result = await ProcessRunner.CliAsync(s_timeout, "doctor", "--json", "--slow-ms", "400",
            "--", "dotnet", Repo.BrokenServerDll, "--delay-ms", "800");
        var report = DoctorJson.Parse(result);
        Assert.True(result.ExitCode == 1, result.ToString());

        Assert.Equal("failed", report.Status("stdio.stdout"));
        Assert.Equal("1 stdout line is not JSON-RPC: \"Broken server 1.0 starting (this line should have gone to stderr)\"", report.Detail("stdio.stdout"));

        Assert.Equal("failed", report.Status("protocol.version"));
        Assert.Equal("the client asked for 2025-11-25, the server answered 2024-10-07, which no current client speaks (2025-11-25, 2025-06-18, 2025-03-26, 2024-11-05)",
            report.Detail("protocol.version"));

        // Pagination is followed: the second page's tools are all seen.
        Assert.Equal("passed", report.Status("list.tools"));
        Assert.Equal("5 tools in 2 pages", report.Detail("list.tools"));

        Assert.Equal("failed", report.Status("tools.names"));
        Assert.Equal("not 1-128 of A-Za-z0-9_-.: 'get weather!'", report.Detail("tools.names"));
        Assert.Equal("warned", report.Status("tools.descriptions"));
        Assert.Equal("no description: 'get weather!'", report.Detail("tools.descriptions"));

        Assert.Equal("failed", report.Status("tools.input-schemas"));
        Assert.Equal("'convert' /type: \"objekt\" is not a JSON Schema type (null, boolean, object, array, number, string, integer); "
            + "'convert' /properties/value/minimum: must be a number, not a string; "
            + "'convert' /required: must be an array of strings, not a string; "
            + "'convert': an inputSchema must have \"type\": \"object\"", report.Detail("tools.input-schemas"));
        Assert.Equal("failed", report.Status("tools.output-schemas"));
        Assert.Equal("'stats': an outputSchema must have \"type\": \"object\" (structuredContent is an object)", report.Detail("tools.output-schemas"));

        Assert.Equal("failed", report.Status("names.duplicates"));
        Assert.Equal("tool 'lookup' appears 2 times", report.Detail("names.duplicates"));

        Assert.Equal("failed", report.Status("errors.unknown-method"));
        Assert.Equal("'mcpforge/doctor-unknown-method' was answered with -32600 (Invalid Request), expected -32601 (Method not found)", report.Detail("errors.unknown-method"));
        // What it does right is not reported as wrong.
        Assert.Equal("passed", report.Status("errors.parse-error"));
        Assert.Equal("passed", report.Status("errors.invalid-request"));

        Assert.Equal("warned", report.Status("limits.response-size"));
        Assert.Equal("over 1.00 MB: prompts/list 1.10 MB", report.Detail("limits.response-size"));
        Assert.Equal("warned", report.Status("limits.latency"));
        // tools/list sleeps past the limit, so it is always listed; on a loaded machine other requests may be listed too.
        Assert.Matches(@"^over 400 ms: (.+; )?tools/list took \d+ ms(; .+)?$", report.Detail("limits.latency"));

        Assert.Equal(["errors.unknown-method", "names.duplicates", "protocol.version", "stdio.stdout", "tools.input-schemas", "tools.names", "tools.output-schemas"],
            report.Ids("failed").Order());
    }

    [Fact]
    public async Task A_server_that_exits_at_once_is_reported_with_its_exit_code_and_stderr()
    {
        var result = await ProcessRunner.CliAsync(s_timeout, "doctor", "--json", "--", "dotnet", Repo.BrokenServerDll, "--exit-at-once");
        var report = DoctorJson.Parse(result);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("passed", report.Status("stdio.command"));
        Assert.Equal("failed", report.Status("stdio.starts"));
        Assert.Equal("exited at once with code 3; stderr: fatal: configuration file 'broken.json' not found", report.Detail("stdio.starts"));
        Assert.Equal("failed", report.Status("protocol.initialize"));
        Assert.Equal("the initialize handshake failed", report.Detail("list.tools"));
    }

    [Fact]
    public async Task A_server_whose_stderr_comes_after_its_stdout_closed_is_reported_with_it()
    {
        // This server closes its stdout, then writes its reason to stderr 300 ms later and exits.
        var result = await ProcessRunner.CliAsync(s_timeout, "doctor", "--json", "--", "sh", "-c",
            "exec >&-; sleep 0.3; echo \"fatal: configuration file 'broken.json' not found\" >&2; exit 3");
        var report = DoctorJson.Parse(result);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("exited at once with code 3; stderr: fatal: configuration file 'broken.json' not found", report.Detail("stdio.starts"));
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // file modes are a POSIX notion
    public async Task A_missing_command_and_a_file_that_is_not_executable_are_named()
    {
        var missing = DoctorJson.Parse(await ProcessRunner.CliAsync(s_timeout, "doctor", "--json", "--", "/nonexistent/mcp-server"));
        Assert.Equal("failed", missing.Status("stdio.command"));
        Assert.Equal("/nonexistent/mcp-server does not exist", missing.Detail("stdio.command"));
        Assert.Equal("the server did not start", missing.Detail("stdio.starts"));

        var notOnPath = DoctorJson.Parse(await ProcessRunner.CliAsync(s_timeout, "doctor", "--json", "--", "mcpforge-no-such-server"));
        Assert.Equal("'mcpforge-no-such-server' is not on PATH", notOnPath.Detail("stdio.command"));

        var folder = Repo.TempFolder("mcpforge-doctor");
        try
        {
            var script = Path.Combine(folder, "server.sh");
            File.WriteAllText(script, "#!/bin/sh\nexec dotnet " + Repo.QuickStartDll + "\n");
            File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            var result = await ProcessRunner.CliAsync(s_timeout, "doctor", "--json", "--", script);
            var report = DoctorJson.Parse(result);
            Assert.Equal(1, result.ExitCode);
            Assert.Equal($"{script} is not executable (chmod +x {script})", report.Detail("stdio.command"));

            // Made executable, the same script passes: the check looked at the file, not at a name.
            File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            var fixedRun = await ProcessRunner.CliAsync(s_timeout, "doctor", "--json", "--", script);
            Assert.True(fixedRun.ExitCode == 0, fixedRun.ToString());
        }
        finally
        {
            Repo.DeleteQuietly(folder);
        }
    }

    [Fact]
    public async Task The_npm_server_everything_is_checked_like_any_other_server()
    {
        var result = await ProcessRunner.CliAsync(s_timeout, "doctor", "--json", "--", "node", Repo.ServerEverything, "stdio");
        var report = DoctorJson.Parse(result);

        Assert.Equal("mcp-servers/everything", report.Root.GetProperty("server").GetProperty("name").GetString());
        foreach (var id in new[] { "stdio.command", "stdio.starts", "stdio.stdout", "protocol.initialize", "protocol.version", "protocol.ping",
                     "list.tools", "list.resources", "list.resource-templates", "list.prompts", "tools.names", "tools.descriptions",
                     "tools.output-schemas", "names.duplicates", "errors.unknown-method", "limits.response-size", "limits.latency", "process.memory" })
        {
            Assert.True(report.Status(id) == "passed", $"{id}: {report.Status(id)}\n{report}");
        }
        // What this server really does: draft-07 schemas, and malformed input dropped without an answer.
        Assert.Equal("warned", report.Status("tools.input-schemas"));
        Assert.StartsWith("not JSON Schema 2020-12: ", report.Detail("tools.input-schemas"));
        Assert.Contains("declare http://json-schema.org/draft-07/schema#", report.Detail("tools.input-schemas"));
        Assert.Equal("failed", report.Status("errors.parse-error"));
        Assert.Equal("a line of malformed JSON got no answer (no answer within 2000 ms), expected error -32700 (Parse error)", report.Detail("errors.parse-error"));
        Assert.Equal("failed", report.Status("errors.invalid-request"));
        Assert.Equal(1, result.ExitCode);
    }

    [Fact]
    public async Task Plain_output_when_not_a_terminal_names_the_fix_and_the_docs_anchor()
    {
        var result = await ProcessRunner.CliAsync(s_timeout, "doctor", "--", "dotnet", Repo.BrokenServerDll, "--delay-ms", "0");
        Assert.Equal(1, result.ExitCode);
        Assert.DoesNotContain('\u001b', result.Stdout); // no colour codes in a pipe
        var lines = result.Stdout.Split('\n');
        var failure = Array.FindIndex(lines, l => l.StartsWith("  FAIL  errors.unknown-method ", StringComparison.Ordinal));
        Assert.True(failure >= 0, result.Stdout);
        Assert.EndsWith("fix: Answer a request for a method you do not implement with error -32601 (Method not found), data {\"method\": name}.", lines[failure + 1]);
        Assert.EndsWith("see: docs/troubleshooting.md#method-not-found", lines[failure + 2]);
        Assert.Matches(@"^\d+ passed, 2 warned, 7 failed, 0 skipped in \d+\.\d\d s$", lines.Last(l => l.Length > 0));
    }

    [Fact]
    public async Task Usage_mistakes_exit_with_2()
    {
        var neither = await ProcessRunner.CliAsync(s_timeout, "doctor");
        Assert.Equal(2, neither.ExitCode);
        Assert.Contains("give the server: `-- <command> [args]` for stdio, or --url <url> for Streamable HTTP", neither.Stderr);
        var both = await ProcessRunner.CliAsync(s_timeout, "doctor", "--url", "http://127.0.0.1:1/mcp", "--", "dotnet");
        Assert.Equal(2, both.ExitCode);
        Assert.Contains("give either `-- <command>` or --url, not both", both.Stderr);
    }
}
