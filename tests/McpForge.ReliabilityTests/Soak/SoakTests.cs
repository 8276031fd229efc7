using System.Threading.Tasks;
using McpForge.Soak;

namespace McpForge.ReliabilityTests.Soak;

/// <summary>
/// The CI form of the soaks (eng/soak.sh runs 1,000,000 calls against the NativeAOT build, and ten rounds of 1,000
/// sessions): after a warm-up, the managed heap after a full collection and the resident set stop growing.
/// </summary>
public sealed class SoakTests(ITestOutputHelper output)
{
    [Fact]
    public void A_hundred_thousand_stdio_calls_leave_the_heap_and_the_resident_set_flat()
    {
        var result = StdioSoak.Run(ReliabilityServer.Command("--stdio"), calls: 100_000, sampleEvery: 10_000,
            sample => output.WriteLine($"{sample.Calls,8}: heap {sample.HeapBytes,10} B, rss {sample.RssBytes,11} B"));
        var trend = result.Trend;
        output.WriteLine($"{result.Calls} calls in {result.Seconds:0.0} s ({result.CallsPerSecond:0}/s); {trend}");
        Assert.True(trend.HeapGrowth < 512 * 1024, trend.ToString());
        Assert.True(trend.RssGrowth < 16 * 1024 * 1024, trend.ToString());
    }

    [Fact]
    public async Task Rounds_of_a_thousand_http_sessions_opened_used_and_closed_leave_memory_flat()
    {
        using var server = await ReliabilityServer.StartHttpAsync();
        var result = await HttpSoak.RunAsync(server.Mcp, rounds: 4, sessionsPerRound: 1000,
            sample => output.WriteLine($"{sample.Calls,6} sessions: heap {sample.HeapBytes,10} B, rss {sample.RssBytes,11} B"));
        var trend = result.Trend;
        output.WriteLine($"{result.Calls} sessions in {result.Seconds:0.0} s; {trend}");
        Assert.True(trend.HeapGrowth < trend.HeapAtStart / 10 + 1024 * 1024, trend.ToString());
        Assert.True(trend.RssGrowth < 32 * 1024 * 1024, trend.ToString());
    }
}
