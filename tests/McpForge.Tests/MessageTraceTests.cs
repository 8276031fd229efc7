using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using McpForge.Diagnostics;
using McpForge.Tests.Fixtures;
using McpForge.Tests.Harness;

namespace McpForge.Tests;

/// <summary>The in-server message trace: the records of <c>mcpforge trace</c>, written by the server itself.</summary>
public sealed class MessageTraceTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("mcpforge-trace").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static JsonElement[] Records(string path) =>
        File.ReadAllLines(path).Select(line => JsonDocument.Parse(line).RootElement.Clone()).ToArray();

    private static string Without(JsonElement record, params string[] names) =>
        "{" + string.Join(",", record.EnumerateObject().Where(p => !names.Contains(p.Name)).Select(p => "\"" + p.Name + "\":" + p.Value.GetRawText())) + "}";

    [Fact]
    public async Task Every_message_in_and_out_is_recorded_with_kind_id_method_size_and_latency()
    {
        var path = Path.Combine(_folder, "trace.jsonl");
        await using (var server = ServerHarness.Start(b => b.AddTools<BasicTools>().Configure(o => o.MessageTrace = new McpMessageTraceOptions { Path = path })))
        {
            await server.InitializeAsync();
            await server.CallToolAsync(1, "echo", """{"message":"hi"}""");
            await server.RequestAsync(2, "tools/call", """{"name":"nope"}""");
            await server.SendAsync("not json");
            await server.ReadMessageAsync();
        }
        var records = Records(path);
        Assert.All(records, r => Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$", r.GetProperty("ts").GetString()));
        Assert.Equal(
            [
                """{"dir":"in","kind":"request","id":0,"method":"initialize"}""",
                """{"dir":"out","kind":"response","id":0,"method":"initialize"}""",
                """{"dir":"in","kind":"notification","method":"notifications/initialized"}""",
                """{"dir":"in","kind":"request","id":1,"method":"tools/call","name":"echo"}""",
                """{"dir":"out","kind":"response","id":1,"method":"tools/call","name":"echo"}""",
                """{"dir":"in","kind":"request","id":2,"method":"tools/call","name":"nope"}""",
                """{"dir":"out","kind":"error","id":2,"method":"tools/call","name":"nope","errorCode":-32602}""",
                """{"dir":"in","kind":"invalid"}""",
                """{"dir":"out","kind":"error","id":null,"errorCode":-32700}""",
            ],
            records.Select(r => Without(r, "ts", "bytes", "latencyMs", "problem")).ToArray());
        Assert.StartsWith("not valid JSON: 'not json' is an invalid JSON literal", records[7].GetProperty("problem").GetString());
        Assert.Equal("""{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"echo","arguments":{"message":"hi"}}}""".Length,
            records[3].GetProperty("bytes").GetInt32());
        Assert.True(records[4].GetProperty("latencyMs").GetDouble() >= 0);
        Assert.False(records[3].TryGetProperty("latencyMs", out _));
    }

    [Fact]
    public async Task A_2026_07_28_result_is_traced_whole_with_its_end()
    {
        // Untraced, the end of a 2026-07-28 result goes to the stdio sink apart from its body; traced, the whole response
        // is recorded, so its size is that of the line the client reads.
        var path = Path.Combine(_folder, "trace.jsonl");
        string line;
        await using (var server = ServerHarness.Start(b => b.AddTools<BasicTools>().Configure(o => o.MessageTrace = new McpMessageTraceOptions { Path = path })))
        {
            await server.SendAsync("""{"jsonrpc":"2.0","id":7,"method":"tools/call","params":""" + ServerHarness.ModernParams("\"name\":\"echo\",\"arguments\":{\"message\":\"hi\"}") + "}");
            line = await server.ReadLineAsync();
        }
        Assert.EndsWith(""","resultType":"complete","_meta":{"io.modelcontextprotocol/serverInfo":{"name":"test-server","version":"9.9.9"}}}}""", line);
        var response = Assert.Single(Records(path), r => r.GetProperty("dir").GetString() == "out");
        Assert.Equal(System.Text.Encoding.UTF8.GetByteCount(line), response.GetProperty("bytes").GetInt32());
    }

    [Fact]
    public async Task Payloads_are_opt_in_and_argument_values_are_redacted()
    {
        var path = Path.Combine(_folder, "payloads.jsonl");
        await using (var server = ServerHarness.Start(b => b.AddTools<BasicTools>().Configure(o =>
            o.MessageTrace = new McpMessageTraceOptions { Path = path, IncludePayloads = true })))
        {
            await server.InitializeAsync();
            await server.CallToolAsync(1, "echo", """{"message":"my password"}""");
        }
        var records = Records(path);
        Assert.Equal("""{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"echo","arguments":{"message":"***"}}}""",
            records.Single(r => r.GetProperty("kind").GetString() == "request" && r.GetProperty("id").GetRawText() == "1").GetProperty("message").GetRawText());
        Assert.DoesNotContain("my password", File.ReadAllText(path).Split('\n').First(l => l.Contains("\"dir\":\"in\"") && l.Contains("\"id\":1")));
    }

    [Fact]
    public async Task The_trace_is_bounded_it_rotates_into_one_older_file()
    {
        var path = Path.Combine(_folder, "bounded.jsonl");
        await using (var server = ServerHarness.Start(b => b.AddTools<BasicTools>().Configure(o =>
            o.MessageTrace = new McpMessageTraceOptions { Path = path, MaxBytes = 2000 })))
        {
            await server.InitializeAsync();
            for (var i = 1; i <= 40; i++) await server.CallToolAsync(i, "echo", """{"message":"x"}""");
        }
        Assert.True(new FileInfo(path).Length <= 2000);
        Assert.True(new FileInfo(path + ".1").Length <= 2000);
        // The newest records are in the file, the ones before them in .1, in order; older ones are gone.
        var ids = Records(path + ".1").Concat(Records(path)).Where(r => r.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.Number)
            .Select(r => r.GetProperty("id").GetInt32()).ToArray();
        Assert.Equal(40, ids[^1]);
        Assert.Equal(ids.Order().ToArray(), ids);
        Assert.DoesNotContain(0, ids); // initialize's records were rotated away
    }
}
