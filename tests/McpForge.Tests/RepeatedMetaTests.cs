using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using McpForge.Eras;
using McpForge.Tests.Harness;
using McpForge.Transports;
using Xunit;

namespace McpForge.Tests;

/// <summary>
/// A 2026-07-28 client sends the same <c>params._meta</c> on every request, and the server steps over one that repeats the
/// last it found valid instead of reading it again (<see cref="JsonRpc.RepeatedObjectSkip"/>). What a request means must
/// not depend on that: the envelope read with the shortcut is the envelope read without it, wherever the <c>_meta</c>
/// sits, a broken message is reported at the same place, and a <c>_meta</c> holding a progress token is never skipped.
/// </summary>
public sealed class RepeatedMetaTests
{
    internal const string Known = """{"io.modelcontextprotocol/protocolVersion":"2026-07-28","io.modelcontextprotocol/clientCapabilities":{"sampling":{}},"io.modelcontextprotocol/clientInfo":{"name":"tests","version":"1.0"}}""";

    public static TheoryData<string> Messages() => new()
    {
        // _meta last, first, between name and arguments; members and the id after params; a second _meta; whitespace.
        """{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"add","arguments":{"a":2,"b":3},"_meta":KNOWN}}""",
        """{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"_meta":KNOWN,"name":"add","arguments":{"a":2,"b":3}}}""",
        """{"jsonrpc":"2.0","method":"tools/call","params":{"name":"a\"dd","_meta":KNOWN,"arguments":{"a":[1,{"b":2}]}},"id":"x"}""",
        """{"jsonrpc":"2.0","id":3,"method":"resources/read","params":{"_meta":KNOWN,"uri":"docs://readme"}}""",
        """{"jsonrpc":"2.0","id":4,"method":"tasks/get","params":{"_meta":KNOWN,"taskId":"t-1","_meta":KNOWN}}""",
        """{ "jsonrpc" : "2.0", "id" : 5, "method" : "tools/list", "params" : { "_meta" : KNOWN , "cursor" : null } } """,
        """{"jsonrpc":"2.0","id":6,"params":{"_meta":KNOWN,"name":"add"},"method":"tools/call"}""",
        """{"jsonrpc":"2.0","id":7,"method":"tools/call","params":{"name":"add","_meta":{"io.modelcontextprotocol/protocolVersion":"2026-07-28"}}}""",
        """{"jsonrpc":"2.0","id":8,"method":"tools/call","params":{"name":"add","_meta":KNOWN_BUT_LONGER}}""",
        """{"jsonrpc":"2.0","id":9,"result":{"_meta":KNOWN}}""",
        """{"jsonrpc":"2.0","id":10,"method":"tools/call","params":{"_meta":[KNOWN]}}""",
        // The known _meta last in params and params last in the message: the two closing braces are checked without the
        // reader, with whitespace after them, between them (the reader then goes on), or a second _meta before it.
        "{\"jsonrpc\":\"2.0\",\"id\":11,\"method\":\"tools/call\",\"params\":{\"name\":\"add\",\"_meta\":KNOWN}} \t\r\n ",
        """{"jsonrpc":"2.0","id":12,"method":"tools/call","params":{"name":"add","_meta":KNOWN} }""",
        """{"jsonrpc":"2.0","method":"notifications/progress","params":{"_meta":KNOWN}}""",
        """{"jsonrpc":"2.0","id":13,"method":"tools/call","params":{"_meta":{"zz":1},"name":"add","_meta":KNOWN}}""",
        """{"jsonrpc":"2.0","id":14,"method":"tools/call","params":{"name":"add","arguments":{"_meta":KNOWN}}}""",
        // Member names written with escapes.
        """{"jsonrpc":"2.0","id":15,"method":"tools/call","params":{"n\u0061me":"add","\u005fmeta":KNOWN}}""",
        // The name of a known _meta that ends the message, found from its bytes without the reader: after a value of
        // each kind, as the only member, after the same _meta, and (read by the reader) with whitespace before it.
        """{"jsonrpc":"2.0","id":16,"method":"tools/call","params":{"name":"add","arguments":{"a":1},"x":true,"_meta":KNOWN}}""",
        """{"jsonrpc":"2.0","id":17,"method":"tools/call","params":{"name":"add","arguments":{"a":1},"x":[2],"_meta":KNOWN}}""",
        """{"jsonrpc":"2.0","id":18,"method":"tools/list","params":{"_meta":KNOWN}}""",
        """{"jsonrpc":"2.0","id":19,"method":"tools/call","params":{"name":"add","_meta":KNOWN,"_meta":KNOWN}}""",
        """{"jsonrpc":"2.0","id":20,"method":"tools/call","params":{"name":"add", "_meta":KNOWN}}""",
        """{"jsonrpc":"2.0","id":21,"method":"tools/call","params":{"name":"add","_meta" :KNOWN}}""",
    };

    private static byte[] Message(string template) => Encoding.UTF8.GetBytes(template
        .Replace("KNOWN_BUT_LONGER", Known[..^1] + ",\"zz\":1}")
        .Replace("KNOWN", Known));

    [Theory]
    [MemberData(nameof(Messages))]
    public void A_message_repeating_the_known_meta_reads_to_the_envelope_a_full_read_gives(string template)
    {
        var message = Message(template);
        var full = JsonRpcEnvelope.Read(message, 64);
        var shortcut = JsonRpcEnvelope.Read(message, 64, KnownEntry());
        Assert.Equal(Describe(full, message), Describe(shortcut, message));
        // The envelope hands the known entry on exactly when its first _meta repeats it, and never without the shortcut.
        Assert.Null(full.KnownMeta);
        Assert.Equal(Encoding.UTF8.GetString(shortcut.Meta(message)) == Known, shortcut.KnownMeta is not null);
    }

    [Theory]
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"_meta":KNOWN,"name":"add",}}""")]
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"_meta":KNOWN,"name":"add"}""")]
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"_meta":KNOWN}} trailing""")]
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"_meta":KNOWN}}}""")]
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"_meta":KNOWN}},""")]
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"_meta":KNOWN}}}}""")]
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"_meta":KNOWN}""")]
    // Broken just before a known _meta that ends the message: the bytes before its name are not what a member needs.
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"add""_meta":KNOWN}}""")]
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"add",,"_meta":KNOWN}}""")]
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{,"_meta":KNOWN}}""")]
    public void A_message_broken_after_the_known_meta_is_reported_where_a_full_read_reports_it(string template)
    {
        var message = Message(template);
        var full = Assert.ThrowsAny<JsonException>(() => JsonRpcEnvelope.Read(message, 64));
        var shortcut = Assert.ThrowsAny<JsonException>(() => JsonRpcEnvelope.Read(message, 64, KnownEntry()));
        Assert.Equal(full.Message, shortcut.Message);
    }

    [Fact]
    public void Text_before_a_known_meta_that_ends_the_message_is_checked_and_the_meta_only_when_it_holds_an_escape()
    {
        // The bytes of a known _meta at the end of a message are not checked as text again: what precedes them is.
        var invalidUtf8 = Message("""{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"aXd","_meta":KNOWN}}""");
        invalidUtf8[System.Array.IndexOf(invalidUtf8, (byte)'X')] = 0xC3;
        Assert.StartsWith("The bytes are not UTF-8 text", Assert.Throws<JsonException>(() => JsonRpcEnvelope.Read(invalidUtf8, 64, KnownEntry())).Message);
        var loneEscape = Message("""{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"a\udc00","_meta":KNOWN}}""");
        Assert.StartsWith("A \\u escape", Assert.Throws<JsonException>(() => JsonRpcEnvelope.Read(loneEscape, 64, KnownEntry())).Message);

        // A known _meta with an escape is scanned wherever it repeats (an entry the server could not hold, as the message
        // that brought it would have been refused: it shows the scan is not skipped).
        var escapedMeta = Known[..^1] + ",\"note\":\"\\ud800\"}";
        var entry = new ClientProfileCache.Entry(Encoding.UTF8.GetBytes(escapedMeta), KnownEntry().Profile, HasProgressToken: false);
        Assert.True(entry.HasEscape);
        var message = Encoding.UTF8.GetBytes("""{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"add","_meta":""" + escapedMeta + "}}");
        Assert.StartsWith("A \\u escape", Assert.Throws<JsonException>(() => JsonRpcEnvelope.Read(message, 64, entry)).Message);
        Assert.False(KnownEntry().HasEscape);
    }

    [Fact]
    public void The_known_meta_is_the_last_profile_read_unless_it_holds_a_progress_token()
    {
        var cache = new ClientProfileCache();
        Assert.Null(cache.Known);
        Assert.True(cache.TryGet(Encoding.UTF8.GetBytes(Known), out var profile, out _));
        Assert.Equal(Known, Encoding.UTF8.GetString(cache.Known!.Meta));
        Assert.Same(profile, cache.Known.Profile);

        var fresh = new ClientProfileCache();
        var withToken = Known[..^1] + ",\"progressToken\":5}";
        Assert.True(fresh.TryGet(Encoding.UTF8.GetBytes(withToken), out _, out _));
        Assert.Null(fresh.Known);
    }

    /// <summary>The cache's entry for <see cref="Known"/>, as a server holds it after one request.</summary>
    internal static ClientProfileCache.Entry KnownEntry()
    {
        var cache = new ClientProfileCache();
        Assert.True(cache.TryGet(Encoding.UTF8.GetBytes(Known), out _, out _));
        return cache.Known!;
    }

    [Fact]
    public async Task Arguments_after_a_repeated_meta_are_read_on_every_request()
    {
        await using var server = ServerHarness.Start(b => b.AddTools<Fixtures.BasicTools>());
        foreach (var (id, a, sum) in new[] { (1, 2, "5"), (2, 40, "43"), (3, -3, "0") })
        {
            var response = await server.RequestAsync(id, "tools/call",
                "{\"_meta\":{" + MetaMembers + "},\"name\":\"add\",\"arguments\":{\"a\":" + a + ",\"b\":3}}");
            Assert.Equal(sum, ServerHarness.Text(response));
        }
    }

    [Fact]
    public async Task A_progress_token_in_the_first_meta_is_read_on_every_request_that_repeats_it()
    {
        await using var server = ServerHarness.Start(b => b.AddTools<Fixtures.BasicTools>());
        for (var id = 1; id <= 2; id++)
        {
            var notifications = new List<JsonElement>();
            await server.ModernAsync(id, "tools/call", "\"name\":\"report\",\"arguments\":{\"steps\":1}", progressToken: "\"p-1\"", notifications: notifications);
            Assert.Equal(["""{"progressToken":"p-1","progress":1,"total":1,"message":"step 1"}"""],
                notifications.Select(n => n.GetProperty("params").GetRawText()));
        }
    }

    private const string MetaMembers =
        "\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\",\"io.modelcontextprotocol/clientCapabilities\":{},\"io.modelcontextprotocol/clientInfo\":{\"name\":\"tests\",\"version\":\"1.0\"}";

    /// <summary>Everything an envelope tells its reader, as text: kind, id, method, problem, the era claim, params, _meta and the Mcp-Name token.</summary>
    private static string Describe(JsonRpcEnvelope envelope, byte[] message)
    {
        var noted = envelope.TryGetMcpNameToken(message, out var token);
        return string.Join(" | ", envelope.Kind, envelope.Id, envelope.MethodName, envelope.Problem, envelope.HasModernClaim,
            Encoding.UTF8.GetString(envelope.Params(message)), Encoding.UTF8.GetString(envelope.Meta(message)),
            noted ? Encoding.UTF8.GetString(token) : "(not noted)");
    }
}
