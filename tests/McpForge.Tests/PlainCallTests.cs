using System;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using McpForge.Tests.Harness;
using McpForge.Transports;
using Xunit;

namespace McpForge.Tests;

/// <summary>
/// The envelope notes, on its way through the params of a <c>tools/call</c> or <c>prompts/get</c>, whether they are plain
/// (an unescaped string <c>name</c>, an <c>arguments</c> object or none, a <c>_meta</c> repeating the known one or none,
/// each once, nothing else) and where the name and arguments sit; the handler then takes them from there instead of
/// reading the params again (<see cref="Dispatch.CallParams"/>). Anything else is read in full, and either way a request
/// gets the same answer.
/// </summary>
public sealed class PlainCallTests
{
    public static TheoryData<string, bool> Messages() => new()
    {
        { """{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"add","arguments":{"a":2,"b":3}}}""", true },
        { """{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"_meta":KNOWN,"arguments":{"a":[1,{"b":2}]},"name":"add"}}""", true },
        { """{"jsonrpc":"2.0","id":3,"method":"prompts/get","params":{ "name" : "greet" , "_meta" : KNOWN }}""", true },
        { """{"jsonrpc":"2.0","method":"tools/call","params":{"name":"add","arguments":{}},"id":4}""", true },
        { """{"jsonrpc":"2.0","id":5,"method":"tools/call","params":{"name":"a\u0064d","arguments":{}}}""", false },
        { """{"jsonrpc":"2.0","id":6,"method":"tools/call","params":{"name":"add","name":"echo"}}""", false },
        { """{"jsonrpc":"2.0","id":7,"method":"tools/call","params":{"name":"add","arguments":null}}""", false },
        { """{"jsonrpc":"2.0","id":8,"method":"tools/call","params":{"name":"add","arguments":{},"arguments":{}}}""", false },
        { """{"jsonrpc":"2.0","id":9,"method":"tools/call","params":{"name":"add","task":{"ttl":5}}}""", false },
        { """{"jsonrpc":"2.0","id":10,"method":"tools/call","params":{"name":"add","_meta":{"progressToken":1}}}""", false },
        { """{"jsonrpc":"2.0","id":11,"method":"tools/call","params":{"name":"add","_meta":KNOWN,"_meta":KNOWN}}""", false },
        { """{"jsonrpc":"2.0","id":12,"method":"tools/call","params":{"name":"add","_meta":5}}""", false },
        { """{"jsonrpc":"2.0","id":13,"method":"tools/call","params":{"name":7}}""", false },
        { """{"jsonrpc":"2.0","id":14,"method":"tools/call","params":{"arguments":{}}}""", false },
        { """{"jsonrpc":"2.0","id":15,"params":{"name":"add"},"method":"prompts/get"}""", false },
        { """{"jsonrpc":"2.0","id":16,"method":"tools/call","params":{"name":"add"},"method":"prompts/get"}""", false },
        { """{"jsonrpc":"2.0","id":17,"method":"resources/read","params":{"uri":"docs://readme"}}""", false },
        { """{"jsonrpc":"2.0","id":18,"method":"tools/call","params":{"name":"add","arguments":{"a":2,"b":3},"_meta":KNOWN}}""", true },
        { """{"jsonrpc":"2.0","id":19,"method":"tools/call","params":{"name":"add","arguments":{"a":2,"b":3},"_meta":KNOWN}} """, true },
    };

    [Theory]
    [MemberData(nameof(Messages))]
    public void The_envelope_notes_a_plain_call_and_where_its_name_and_arguments_sit(string template, bool plain)
    {
        var message = Encoding.UTF8.GetBytes(template.Replace("KNOWN", RepeatedMetaTests.Known));
        var envelope = JsonRpcEnvelope.Read(message, 64, RepeatedMetaTests.KnownEntry());
        Assert.Equal(plain, envelope.IsPlainCall);
        if (!plain) return;

        using var full = JsonDocument.Parse(message);
        var @params = full.RootElement.GetProperty("params");
        Assert.True(envelope.TryGetMcpNameToken(message, out var name));
        Assert.Equal(@params.GetProperty("name").GetRawText(), Encoding.UTF8.GetString(name));
        var arguments = Encoding.UTF8.GetString(message.AsSpan(envelope.ArgumentsStart, envelope.ArgumentsLength));
        Assert.Equal(@params.TryGetProperty("arguments", out var read) ? read.GetRawText() : "", arguments);
    }

    /// <summary>Each pair: a plain call and one that asks for the same thing in a way that is read in full.</summary>
    public static TheoryData<string, string> Twins() => new()
    {
        { """{"name":"add","arguments":{"a":2,"b":3}}""", """{"arguments":{"a":2,"b":3},"name":"a\u0064d"}""" },
        { """{"name":"nope","arguments":{}}""", """{"name":"n\u006fpe","arguments":{}}""" },
        { """{"name":"add"}""", """{"name":"add","arguments":null}""" },
        { """{"name":"echo","arguments":{"message":"é \"quoted\""}}""", """{"name":"echo","zz":1,"arguments":{"message":"é \"quoted\""}}""" },
    };

    [Theory]
    [MemberData(nameof(Twins))]
    public async Task A_plain_session_call_is_answered_as_its_twin_read_in_full(string plain, string twin)
    {
        await using var server = await ServerHarness.StartInitializedAsync(configure: b => b.AddTools<Fixtures.BasicTools>());
        var answer = await server.RequestAsync(1, "tools/call", plain);
        var twinAnswer = await server.RequestAsync(1, "tools/call", twin);
        Assert.Equal(twinAnswer.GetRawText(), answer.GetRawText());
    }

    [Theory]
    [MemberData(nameof(Twins))]
    public async Task A_plain_2026_07_28_call_is_answered_as_its_twin_read_in_full(string plain, string twin)
    {
        await using var server = ServerHarness.Start(b => b.AddTools<Fixtures.BasicTools>());
        // The first request makes its _meta the known one; the calls after it repeat it.
        await server.ModernAsync(0, "tools/list");
        var answer = await server.ModernAsync(1, "tools/call", plain[1..^1]);
        var twinAnswer = await server.ModernAsync(1, "tools/call", twin[1..^1]);
        Assert.Equal(twinAnswer.GetRawText(), answer.GetRawText());
    }
}
