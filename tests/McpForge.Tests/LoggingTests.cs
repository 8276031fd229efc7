using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using McpForge.Tests.Fixtures;
using McpForge.Tests.Harness;
using Microsoft.Extensions.Logging;

namespace McpForge.Tests;

/// <summary>The server's own log: source-generated events through the host's logger factory, or the built-in stderr logger.</summary>
public sealed class LoggingTests
{
    [Fact]
    public async Task Failures_slow_requests_and_sessions_reach_the_given_logger_factory_with_stable_event_ids()
    {
        var log = new RecordingLoggerFactory();
        await using var server = ServerHarness.Start(b => b.AddTools<SlowTools>().AddTools<TelemetryTools>().UseLoggerFactory(log)
            .Configure(o => o.SlowRequestThreshold = TimeSpan.FromMilliseconds(50)));
        await server.InitializeAsync();
        await server.CallToolAsync(1, "dawdle", """{"ms":120}""");
        await server.CallToolAsync(2, "dawdle", """{"ms":1}""");
        await server.CallToolAsync(3, "telemetry_throw", "{}");
        await server.RequestAsync(4, "no/such/method");

        Assert.All(log.Entries, e => Assert.Equal("McpForge", e.Category));
        var started = Assert.Single(log.Entries, e => e.Event.Id == 5);
        Assert.Equal(("Session started over pipe: client tests 1.0, protocol 2025-11-25", LogLevel.Debug), (started.Message, started.Level));
        // The 1 ms call may run over 50 ms too on a loaded machine: only request 1 is certain to.
        var slow = Assert.Single(log.Entries, e => e.Event.Id == 2 && e.Message.Contains("(request 1)"));
        Assert.Equal(LogLevel.Warning, slow.Level);
        Assert.Matches(@"^tools/call dawdle \(request 1\) took \d+ ms, over the slow-request threshold of 50 ms$", slow.Message);
        var failed = Assert.Single(log.Entries, e => e.Event.Id == 1);
        Assert.Equal((LogLevel.Error, "tool 'telemetry_throw' failed"), (failed.Level, failed.Message));
        Assert.Equal("broken on purpose", failed.Exception!.Message);
        var refused = Assert.Single(log.Entries, e => e.Event.Id == 7);
        Assert.Equal((LogLevel.Debug, "Message refused with -32601: no/such/method"), (refused.Level, refused.Message));
    }

    [Fact]
    public async Task The_built_in_logger_writes_at_its_level_to_the_error_log_only()
    {
        var errorLog = new StringWriter();
        await using (var server = ServerHarness.Start(b => b.AddTools<TelemetryTools>().Configure(o =>
        {
            o.ErrorLog = errorLog;
            o.LogLevel = LogLevel.Error;
        })))
        {
            await server.InitializeAsync();
            await server.SendAsync("""{"jsonrpc":"2.0","id":77,"result":{}}"""); // a warning: below the level
            await server.CallToolAsync(1, "telemetry_throw", "{}");
        }
        var lines = errorLog.ToString();
        Assert.StartsWith("McpForge[fail] tool 'telemetry_throw' failed" + Environment.NewLine + "System.InvalidOperationException: broken on purpose", lines);
        Assert.DoesNotContain("answers no request", lines);
        Assert.DoesNotContain("Session started", lines);
    }
}
