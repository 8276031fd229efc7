using System;
using System.Diagnostics;
using System.Linq;
using static McpForge.ReliabilityTests.ReliabilityServer;

namespace McpForge.ReliabilityTests.Load;

/// <summary>
/// Calls at the in-flight limit and beyond it, sent all at once over stdio: never more than the limit run, and none is
/// lost: they wait their turn, or, with a full queue and WhenBusy = Reject, each excess one gets -32004 at once.
/// </summary>
public sealed class InFlightLimitTests(ITestOutputHelper output)
{
    private static (string[] Texts, long[] Codes) ReadAll(ChildProcess server, int count)
    {
        // Answers come in completion order: each id once, whatever the order.
        var texts = new string[count];
        var codes = new long[count];
        for (var i = 0; i < count; i++)
        {
            var response = System.Text.Json.JsonDocument.Parse(server.ReadLine(TimeSpan.FromSeconds(60))).RootElement;
            var at = (int)response.GetProperty("id").GetInt64() - 1;
            Assert.True(texts[at] is null && codes[at] == 0, "two answers for id " + (at + 1));
            if (response.TryGetProperty("error", out var error)) codes[at] = error.GetProperty("code").GetInt64();
            else texts[at] = Text(response);
        }
        return (texts, codes);
    }

    [Theory]
    [InlineData(100, 256)] // all of the excess fits in the queue
    [InlineData(200, 8)]   // the queue fills: the server stops reading, the rest waits in the pipe
    public async System.Threading.Tasks.Task Calls_beyond_the_limit_wait_their_turn_and_none_is_lost(int calls, int queue)
    {
        await using var server = StartStdio("--max-concurrent", "4", "--max-queued", queue.ToString(System.Globalization.CultureInfo.InvariantCulture));
        server.Request(1000, "tools/call", """{"name":"peak_concurrency","arguments":{}}"""); // reset
        var clock = Stopwatch.StartNew();
        for (var id = 1; id <= calls; id++) server.Send(Call(id, "slow", """{"milliseconds":50}"""));
        var (texts, codes) = ReadAll(server, calls);
        clock.Stop();
        Assert.All(texts, text => Assert.Equal("slept", text));
        Assert.All(codes, code => Assert.Equal(0, code));
        Assert.Equal("4", Text(server.Request(1001, "tools/call", """{"name":"peak_concurrency","arguments":{}}""")));
        // The peak of 4 is what proves the limit; the time is reported, not asserted (the machine's speed is no part of it).
        output.WriteLine($"{calls} calls, 4 slots, queue {queue}: all answered in {clock.ElapsedMilliseconds} ms");
    }

    [Fact]
    public async System.Threading.Tasks.Task With_WhenBusy_Reject_each_call_beyond_slots_and_queue_gets_server_busy_at_once()
    {
        await using var server = StartStdio("--max-concurrent", "4", "--max-queued", "8", "--reject");
        for (var id = 1; id <= 100; id++) server.Send(Call(id, "slow", """{"milliseconds":200}"""));
        var (texts, codes) = ReadAll(server, 100);
        var slept = texts.Count(t => t == "slept");
        var busy = codes.Count(c => c == -32004);
        Assert.Equal(100, slept + busy);
        Assert.True(slept >= 12, $"only {slept} calls ran: 4 slots and 8 queue places were there to take");
        Assert.True(busy > 0, "no call was rejected");
        output.WriteLine($"100 calls at once, 4 slots, queue 8: {slept} ran, {busy} got -32004");
    }
}
