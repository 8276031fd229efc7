using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using McpForge.Tests.Harness;

namespace McpForge.Tests;

/// <summary>Newline-delimited framing and the end of input.</summary>
public sealed class FramingTests
{
    [Fact]
    public async Task Several_messages_in_one_write_and_crlf_line_endings_are_all_answered()
    {
        await using var server = await ServerHarness.StartInitializedAsync();
        await server.SendRawAsync(Encoding.UTF8.GetBytes(
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}\r\n{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"ping\"}\n\n{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"ping\"}\n"));
        for (var id = 1; id <= 3; id++)
        {
            Assert.Equal($$$$"""{"jsonrpc":"2.0","id":{{{{id}}}},"result":{}}""", await server.ReadLineAsync());
        }
    }

    [Fact]
    public async Task A_message_split_across_writes_is_read_whole()
    {
        await using var server = await ServerHarness.StartInitializedAsync();
        var bytes = Encoding.UTF8.GetBytes("""{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"echo","arguments":{"message":"ünïcødé 🚀"}}}""" + "\n");
        for (var i = 0; i < bytes.Length; i += 7)
        {
            await server.SendRawAsync(bytes[i..System.Math.Min(bytes.Length, i + 7)]);
        }
        Assert.Equal("ünïcødé 🚀", ServerHarness.Text(await server.ReadMessageAsync()));
    }

    [Fact]
    public async Task The_last_message_needs_no_newline_and_every_request_read_is_answered_when_input_closes()
    {
        await using var server = await ServerHarness.StartInitializedAsync();
        var lines = Enumerable.Range(1, 50).Select(i => i % 10 == 0
            ? $$$$"""{"jsonrpc":"2.0","id":{{{{i}}}},"method":"tools/call","params":{"name":"sleep","arguments":{"milliseconds":50}}}"""
            : $$$$"""{"jsonrpc":"2.0","id":{{{{i}}}},"method":"tools/call","params":{"name":"add","arguments":{"a":{{{{i}}}},"b":0}}}""");
        await server.SendRawAsync(Encoding.UTF8.GetBytes(string.Join("\n", lines))); // no trailing newline
        await server.CloseInputAsync();

        var ids = new System.Collections.Generic.List<long>();
        for (var i = 0; i < 50; i++)
        {
            ids.Add((await server.ReadMessageAsync()).GetProperty("id").GetInt64());
        }
        await server.Completion.WaitAsync(System.TimeSpan.FromSeconds(10));
        Assert.Equal(Enumerable.Range(1, 50).Select(i => (long)i).ToArray(), ids.Order().ToArray());
    }

    [Fact]
    public async Task Newlines_inside_strings_are_escaped_so_each_response_is_one_line()
    {
        await using var server = await ServerHarness.StartInitializedAsync();
        var line = await Send(server, """{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"echo","arguments":{"message":"a\nb\u2028c"}}}""");
        Assert.Equal("a\nb\u2028c", JsonDocument.Parse(line).RootElement.GetProperty("result").GetProperty("content")[0].GetProperty("text").GetString());
        Assert.DoesNotContain('\n', line);
    }

    private static async Task<string> Send(ServerHarness server, string line)
    {
        await server.SendAsync(line);
        return await server.ReadLineAsync();
    }
}
