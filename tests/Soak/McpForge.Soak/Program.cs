using System;
using System.Globalization;
using System.IO;
using System.Linq;
using McpForge.Soak;

// The long forms of the reliability measurements (eng/soak.sh and eng/load.sh run them; docs/reliability.md has the figures):
//   stdio --calls 1000000 --every 10000 --out DIR -- <server command>     tools/call over stdio, memory every N calls
//   http  --rounds 10 --sessions 1000 --out DIR -- <server command>        rounds of HTTP sessions opened, used, closed
//   load  --clients 200 --seconds 60 -- <server command>                   concurrent HTTP clients, latency percentiles
// The server is tests/Fixtures/ReliabilityServer (it has the memory probe); HTTP servers get --urls http://127.0.0.1:0.
var split = Array.IndexOf(args, "--");
if (args.Length < 3 || split < 1 || split == args.Length - 1)
{
    Console.Error.WriteLine("usage: McpForge.Soak <stdio|http|load> [options] -- <server command...>");
    return 2;
}
var verb = args[0];
var options = args[1..split];
var server = args[(split + 1)..];
long Option(string name, long fallback)
{
    var at = Array.IndexOf(options, name);
    return at >= 0 && at + 1 < options.Length ? long.Parse(options[at + 1], CultureInfo.InvariantCulture) : fallback;
}
var outIndex = Array.IndexOf(options, "--out");
var outDir = outIndex >= 0 && outIndex + 1 < options.Length ? options[outIndex + 1] : Directory.GetCurrentDirectory();
Directory.CreateDirectory(outDir);
void Report(MemorySample s) => Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"{s.Calls,10:#,0}  {s.Seconds,8:0.0} s  heap {s.HeapBytes / 1048576.0,7:0.00} MiB  rss {s.RssBytes / 1048576.0,7:0.00} MiB"));

switch (verb)
{
    case "stdio":
    {
        var calls = Option("--calls", 1_000_000);
        var result = StdioSoak.Run(server, calls, Option("--every", 10_000), Report);
        MemorySample.WriteCsv(Path.Combine(outDir, "soak-stdio.csv"), result.Samples);
        SoakChart.Write(Path.Combine(outDir, "soak-stdio.png"), $"{calls:#,0} tools/call over stdio", "calls (thousands)", result.Samples, 1000);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"stdio soak: {result.Calls:#,0} calls in {result.Seconds:0.0} s ({result.CallsPerSecond:#,0}/s); {result.Trend}"));
        return 0;
    }
    case "http":
    {
        using var process = await HttpServerProcess.StartAsync(server[0], server.Skip(1), TimeSpan.FromSeconds(30));
        var rounds = (int)Option("--rounds", 10);
        var sessions = (int)Option("--sessions", 1000);
        var result = await HttpSoak.RunAsync(process.Mcp, rounds, sessions, Report);
        MemorySample.WriteCsv(Path.Combine(outDir, "soak-http.csv"), result.Samples);
        SoakChart.Write(Path.Combine(outDir, "soak-http.png"), $"{rounds} rounds of {sessions:#,0} HTTP sessions", "sessions opened and closed", result.Samples);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"http soak: {result.Calls:#,0} sessions in {result.Seconds:0.0} s; {result.Trend}"));
        return 0;
    }
    case "load":
    {
        using var process = await HttpServerProcess.StartAsync(server[0], server.Skip(1), TimeSpan.FromSeconds(30));
        var result = await HttpLoad.RunAsync(process.Mcp, (int)Option("--clients", 200), TimeSpan.FromSeconds(Option("--seconds", 60)));
        Console.WriteLine("http load: " + result);
        foreach (var error in result.FirstErrors) Console.WriteLine("  error: " + error);
        return result.Errors == 0 ? 0 : 1;
    }
    default:
        Console.Error.WriteLine("unknown verb " + verb);
        return 2;
}
