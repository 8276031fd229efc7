using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;

namespace McpForge.Soak;

/// <summary>What a soak measured.</summary>
public sealed record SoakResult(long Calls, double Seconds, IReadOnlyList<MemorySample> Samples)
{
    public double CallsPerSecond => Calls / Seconds;

    public MemoryTrend Trend => MemoryTrend.Of(Samples);
}

/// <summary>
/// One client calling QuickStart's <c>echo</c> and <c>add</c> over stdio, one request at a time, checking every answer,
/// and reading the server's memory through its <c>memory</c> probe every <c>sampleEvery</c> calls.
/// </summary>
public static class StdioSoak
{
    public static SoakResult Run(IReadOnlyList<string> server, long calls, long sampleEvery, Action<MemorySample>? progress = null)
    {
        using var process = ChildProcess.Start(server[0], server.Skip(1), rawOutput: true);
        var input = new BufferedStream(process.Input, 4096);
        var output = new StreamReader(process.Output, new UTF8Encoding(false), false, 64 * 1024);
        long nextId = 0;

        string Exchange(string method, string @params)
        {
            var id = ++nextId;
            var line = $$"""{"jsonrpc":"2.0","id":{{id}},"method":"{{method}}","params":{{@params}}}""" + "\n";
            input.Write(Encoding.UTF8.GetBytes(line));
            input.Flush();
            var answer = output.ReadLine() ?? throw new InvalidOperationException("The server closed stdout after " + (id - 1) + " requests:\n" + process.Log);
            var prefix = $$"""{"jsonrpc":"2.0","id":{{id}},"result":""";
            if (!answer.StartsWith(prefix, StringComparison.Ordinal) || answer.Contains("\"isError\":true", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"Request {id} ({method}) was answered with: {answer}");
            }
            return answer;
        }

        var clock = Stopwatch.StartNew();
        var samples = new List<MemorySample>();
        void Sample(long done)
        {
            var answer = Exchange("tools/call", """{"name":"memory","arguments":{}}""");
            using var document = JsonDocument.Parse(answer);
            var text = document.RootElement.GetProperty("result").GetProperty("content")[0].GetProperty("text").GetString()!;
            var sample = MemorySample.FromProbe(done, clock.Elapsed.TotalSeconds, text);
            samples.Add(sample);
            progress?.Invoke(sample);
        }

        Exchange("initialize", """{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"mcpforge-soak","version":"1.0"}}""");
        input.Write("""{"jsonrpc":"2.0","method":"notifications/initialized"}"""u8);
        input.Write("\n"u8);
        Sample(0);
        var calling = Stopwatch.StartNew();
        for (long call = 1; call <= calls; call++)
        {
            if ((call & 1) == 0)
            {
                var answer = Exchange("tools/call", string.Create(CultureInfo.InvariantCulture, $$$"""{"name":"add","arguments":{"a":{{{call}}},"b":1}}"""));
                if (!answer.Contains(string.Create(CultureInfo.InvariantCulture, $"\"text\":\"{call + 1}\""), StringComparison.Ordinal))
                {
                    throw new InvalidOperationException($"add({call}, 1) was answered with: {answer}");
                }
            }
            else
            {
                Exchange("tools/call", string.Create(CultureInfo.InvariantCulture, $$$"""{"name":"echo","arguments":{"message":"soak {{{call}}}"}}"""));
            }
            if (call % sampleEvery == 0)
            {
                calling.Stop();
                Sample(call);
                calling.Start();
            }
        }
        process.Input.Close();
        if (!process.WaitForExit(TimeSpan.FromSeconds(10))) throw new TimeoutException("The server did not exit 10 s after its input closed:\n" + process.Log);
        if (process.ExitCode != 0) throw new InvalidOperationException($"The server exited with {process.ExitCode}:\n{process.Log}");
        return new SoakResult(calls, calling.Elapsed.TotalSeconds, samples);
    }
}
