using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using McpForge.Cli.Tests.Infrastructure;

namespace McpForge.Cli.Tests;

/// <summary><c>mcpforge trace</c> in front of a real server: the bytes pass unchanged both ways, every message is recorded.</summary>
public sealed class TraceTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(90);

    /// <summary>A whole session, with what a proxy could get wrong: CRLF, non-ASCII text, a string id, no final newline.</summary>
    private static readonly string[] s_session =
    [
        """{"jsonrpc":"2.0","id":0,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"trace-test","version":"1.0"}}}""" + "\n",
        """{"jsonrpc":"2.0","method":"notifications/initialized"}""" + "\r\n",
        """{"jsonrpc":"2.0","id":1,"method":"tools/list"}""" + "\n",
        """{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"echo","arguments":{"message":"héllo ✓ \u2028 😀"}}}""" + "\n",
        """{"jsonrpc":"2.0","id":"three","method":"tools/call","params":{"name":"add","arguments":{"a":40,"b":2}}}""" + "\n",
        """{"jsonrpc":"2.0","id":4,"method":"tools/call","params":{"name":"countdown","arguments":{"from":3,"delayMs":40},"_meta":{"progressToken":"p4"}}}""" + "\n",
        """{"jsonrpc":"2.0","id":5,"method":"tools/call","params":{"name":"missing","arguments":{}}}""" + "\n",
        """{"jsonrpc":"2.0","id":6,"method":"ping"}""",
    ];

    [Fact]
    public async Task Trace_forwards_a_QuickStart_session_byte_for_byte_and_records_every_message()
    {
        var folder = Repo.TempFolder("mcpforge-trace");
        try
        {
            var seenByServer = Path.Combine(folder, "server-stdin.bin");
            var sentByServer = Path.Combine(folder, "server-stdout.bin");
            var records = Path.Combine(folder, "trace.jsonl");
            var input = Encoding.UTF8.GetBytes(string.Concat(s_session));

            // tee on both sides of the server captures exactly what it read and wrote, to compare with what the proxy passed on.
            var result = await ProcessRunner.RunAsync("dotnet", [Repo.CliDll, "trace", "--out", records, "--",
                "sh", "-c", "tee \"$1\" | dotnet \"$2\" | tee \"$3\"", "sh", seenByServer, Repo.QuickStartDll, sentByServer], s_timeout, stdin: input);
            Assert.True(result.ExitCode == 0, result.ToString());

            Assert.Equal(input, File.ReadAllBytes(seenByServer));
            var serverOutput = File.ReadAllBytes(sentByServer);
            Assert.Equal(serverOutput, result.StdoutBytes);
            Assert.Contains("héllo ✓ \\u2028 \\uD83D\\uDE00", result.Stdout); // as QuickStart wrote it: UTF-8, with U+2028 and the emoji escaped

            var lines = File.ReadAllLines(records).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();
            var sent = lines.Where(r => r.GetProperty("dir").GetString() == "in").ToList();
            var received = lines.Where(r => r.GetProperty("dir").GetString() == "out").ToList();
            Assert.Equal(s_session.Length, sent.Count);
            var serverLines = Encoding.UTF8.GetString(serverOutput).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(serverLines.Length, received.Count);

            // Every record names its message: sizes are the line's bytes without the line ending.
            for (var i = 0; i < s_session.Length; i++)
            {
                Assert.Equal(Encoding.UTF8.GetByteCount(s_session[i].TrimEnd('\r', '\n')), sent[i].GetProperty("bytes").GetInt32());
                Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$", sent[i].GetProperty("ts").GetString());
            }
            Assert.Equal(["request", "notification", "request", "request", "request", "request", "request", "request"], sent.Select(r => r.GetProperty("kind").GetString()));
            Assert.Equal(["initialize", "notifications/initialized", "tools/list", "tools/call", "tools/call", "tools/call", "tools/call", "ping"], sent.Select(r => r.GetProperty("method").GetString()));
            Assert.Equal("\"three\"", sent[4].GetProperty("id").GetRawText());
            Assert.Equal("add", sent[4].GetProperty("name").GetString());

            // Responses carry the method and the latency of the request they answer; the unknown tool's error its code.
            var answers = received.Where(r => r.GetProperty("kind").GetString() is "response" or "error").ToList();
            Assert.Equal(7, answers.Count);
            Assert.All(answers, a => Assert.True(a.GetProperty("latencyMs").GetDouble() >= 0));
            var error = Assert.Single(received, r => r.GetProperty("kind").GetString() == "error");
            Assert.Equal(-32602, error.GetProperty("errorCode").GetInt32());
            Assert.Equal("tools/call", error.GetProperty("method").GetString());
            Assert.Equal("missing", error.GetProperty("name").GetString());
            var countdown = Assert.Single(answers, a => a.GetProperty("id").GetRawText() == "4");
            Assert.True(countdown.GetProperty("latencyMs").GetDouble() >= 100, countdown.GetRawText());
            Assert.Equal(4, received.Count(r => r.GetProperty("kind").GetString() == "notification" && r.GetProperty("method").GetString() == "notifications/progress"));
            Assert.DoesNotContain(lines, r => r.TryGetProperty("message", out _)); // payloads only with --payloads

            Assert.Contains($"mcpforge trace: {s_session.Length + received.Count} messages ({s_session.Length} in, {received.Count} out; ", result.Stderr);
            Assert.Contains("  by method: initialize 1, notifications/initialized 1, notifications/progress 4, ping 1, tools/call 4, tools/list 1", result.Stderr);
            Assert.Contains("  errors: -32602 (Invalid params) x1", result.Stderr);
            // Countdown takes over 120 ms; only a slow start (initialize under load) may rank above it.
            var slowest = Assert.Single(result.Stderr.Split('\n'), l => l.StartsWith("  slowest: ", StringComparison.Ordinal));
            Assert.Contains("tools/call countdown (id 4) ", slowest);
            Assert.Contains("  records: " + records, result.Stderr);
        }
        finally
        {
            Repo.DeleteQuietly(folder);
        }
    }

    [Fact]
    public async Task With_payloads_each_record_carries_its_message()
    {
        var folder = Repo.TempFolder("mcpforge-trace");
        try
        {
            var records = Path.Combine(folder, "trace.jsonl");
            var input = Encoding.UTF8.GetBytes(s_session[0] + """{"jsonrpc":"2.0","id":1,"method":"ping"}""" + "\n");
            var result = await ProcessRunner.RunAsync("dotnet", [Repo.CliDll, "trace", "--payloads", "--out", records, "--", "dotnet", Repo.QuickStartDll], s_timeout, stdin: input);
            Assert.True(result.ExitCode == 0, result.ToString());
            var lines = File.ReadAllLines(records).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();
            JsonElement Record(string dir, string id) => Assert.Single(lines, r => r.GetProperty("dir").GetString() == dir && r.GetProperty("id").GetRawText() == id);
            Assert.Equal("""{"jsonrpc":"2.0","id":1,"method":"ping"}""", Record("in", "1").GetProperty("message").GetRawText());
            Assert.Equal("""{"jsonrpc":"2.0","id":1,"result":{}}""", Record("out", "1").GetProperty("message").GetRawText());
            Assert.Equal("initialize", Record("out", "0").GetProperty("method").GetString());
        }
        finally
        {
            Repo.DeleteQuietly(folder);
        }
    }

    [Fact]
    public async Task The_servers_exit_code_and_stderr_pass_through_and_records_go_to_stderr_without_out()
    {
        var result = await ProcessRunner.RunAsync("dotnet", [Repo.CliDll, "trace", "--", "dotnet", Repo.BrokenServerDll, "--exit-at-once"], s_timeout,
            stdin: Encoding.UTF8.GetBytes("""{"jsonrpc":"2.0","id":1,"method":"ping"}""" + "\n"));
        Assert.Equal(3, result.ExitCode);
        Assert.Empty(result.StdoutBytes);
        Assert.Contains("fatal: configuration file 'broken.json' not found", result.Stderr);
        Assert.Contains("  unanswered requests: 1", result.Stderr);
    }

    [Fact]
    public async Task Stray_stdout_lines_are_forwarded_and_recorded_as_invalid()
    {
        var folder = Repo.TempFolder("mcpforge-trace");
        try
        {
            var records = Path.Combine(folder, "trace.jsonl");
            var input = Encoding.UTF8.GetBytes("""{"jsonrpc":"2.0","id":1,"method":"ping"}""" + "\n");
            var result = await ProcessRunner.RunAsync("dotnet", [Repo.CliDll, "trace", "--out", records, "--", "dotnet", Repo.BrokenServerDll], s_timeout, stdin: input);
            Assert.True(result.ExitCode == 0, result.ToString());
            Assert.Equal("Broken server 1.0 starting (this line should have gone to stderr)\n{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}}\n", result.Stdout);
            var first = JsonDocument.Parse(File.ReadLines(records).First(l => l.Contains("\"dir\":\"out\""))).RootElement;
            Assert.Equal("invalid", first.GetProperty("kind").GetString());
            Assert.StartsWith("not valid JSON: ", first.GetProperty("problem").GetString());
            Assert.Contains("  not JSON-RPC: 1 lines", result.Stderr);
        }
        finally
        {
            Repo.DeleteQuietly(folder);
        }
    }

    [Fact]
    public async Task On_SIGTERM_the_server_is_stopped_and_the_summary_still_printed()
    {
        await using var trace = ChildProcess.Start("dotnet", Repo.CliDll, "trace", "--", "dotnet", Repo.QuickStartDll);
        trace.Send("""{"jsonrpc":"2.0","id":1,"method":"ping"}""");
        Assert.Equal("""{"jsonrpc":"2.0","id":1,"result":{}}""", trace.ReadLine(s_timeout));

        trace.Terminate();
        Assert.True(trace.WaitForExit(TimeSpan.FromSeconds(20)), "trace did not exit after SIGTERM");
        Assert.Contains("mcpforge trace: 2 messages (1 in, 1 out; 40 bytes in, 36 bytes out)", trace.StandardError);
        Assert.Equal(0, trace.ExitCode); // QuickStart's own: it finished cleanly when its stdin closed
    }
}
