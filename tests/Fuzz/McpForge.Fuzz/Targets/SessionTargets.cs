using System;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;
using System.Threading;
using McpForge.JsonRpc;
using McpForge.Server;
using McpForge.Transports;

namespace McpForge.Fuzz.Targets;

/// <summary>
/// Untrusted bytes into a session, as a transport hands them over, with the invariants every input must keep: no
/// exception escapes, every message out is one valid JSON-RPC 2.0 object, a request gets exactly one response (a
/// notification or a response none), nothing is an internal error, and the session still answers <c>ping</c> after.
/// A broken invariant throws <see cref="InvariantException"/>, which the fuzzer reports as a crash.
/// </summary>
public static class SessionTargets
{
    private static readonly McpServer s_server = McpServer.CreateBuilder("fuzz", "1.0.0")
        .AddTools<FuzzTools>().AddResources<FuzzResources>().AddPrompts<FuzzPrompts>()
        .Configure(o =>
        {
            o.ErrorLog = System.IO.TextWriter.Null;
            o.LogLevel = Microsoft.Extensions.Logging.LogLevel.None;
            o.MaxJsonDepth = 32;
        })
        .Build();

    /// <summary>One message line of any content.</summary>
    public static void Message(ReadOnlySpan<byte> input)
    {
        var (session, sink) = NewSession();
        var expected = Expect(input);
        session.HandleMessage(input);
        Settle(session);
        var responses = sink.Check();
        if (expected.Responses != responses.Count)
        {
            throw new InvariantException($"expected {expected.Responses} response(s), got {responses.Count}: {string.Join(" | ", responses)}");
        }
        if (responses.Count == 1 && !SameId(responses[0], expected.Id))
        {
            throw new InvariantException($"the response does not carry the request's id {expected.Id}: {responses[0]}");
        }
        StillServes(session, sink);
    }

    /// <summary>The bytes as the <c>arguments</c> of a call to one of the fuzz tools (chosen by the first byte).</summary>
    public static void ToolArguments(ReadOnlySpan<byte> input)
    {
        if (input.IsEmpty) return;
        string[] tools = ["scalars", "collections", "constrained", "none"];
        var tool = tools[input[0] % tools.Length];
        Call(Encoding.UTF8.GetBytes("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"" + tool + "\",\"arguments\":"),
            input[1..], "}}"u8);
    }

    /// <summary>The bytes as the URI of a <c>resources/read</c>.</summary>
    public static void ResourceUri(ReadOnlySpan<byte> input) =>
        Call("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"resources/read\",\"params\":{\"uri\":"u8, JsonString(input), "}}"u8);

    /// <summary>The bytes as the <c>arguments</c> of <c>prompts/get</c>.</summary>
    public static void PromptArguments(ReadOnlySpan<byte> input) =>
        Call("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"prompts/get\",\"params\":{\"name\":\"typed\",\"arguments\":"u8, input, "}}"u8);

    /// <summary>A request made of <paramref name="head"/>, the fuzzed bytes and <paramref name="tail"/>.</summary>
    private static void Call(ReadOnlySpan<byte> head, ReadOnlySpan<byte> middle, ReadOnlySpan<byte> tail)
    {
        var message = new byte[head.Length + middle.Length + tail.Length];
        head.CopyTo(message);
        middle.CopyTo(message.AsSpan(head.Length));
        tail.CopyTo(message.AsSpan(head.Length + middle.Length));
        Message(message);
    }

    private static byte[] JsonString(ReadOnlySpan<byte> input)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(input.Length + 16);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStringValue(Encoding.UTF8.GetString(input)); // invalid UTF-8 becomes U+FFFD, as a client's encoder would make it
        }
        return buffer.WrittenSpan.ToArray();
    }

    private static (McpConnection, CapturingSink) NewSession()
    {
        var sink = new CapturingSink();
        var session = new McpConnection(s_server, sink);
        session.HandleMessage("""{"jsonrpc":"2.0","id":"init","method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{}}}"""u8);
        sink.Clear();
        return (session, sink);
    }

    /// <summary>The response's id is the request's (compared as values: an id's JSON may be escaped differently).</summary>
    private static bool SameId(string response, RequestId expected)
    {
        using var document = JsonDocument.Parse(response);
        var id = document.RootElement.GetProperty("id");
        if (!expected.IsValid) return id.ValueKind == JsonValueKind.Null;
        return expected.IsString
            ? id.ValueKind == JsonValueKind.String && id.GetString() == expected.ToString()[1..^1]
            : id.ValueKind == JsonValueKind.Number && id.GetRawText() == expected.ToString();
    }

    /// <summary>What the session must answer: how many responses, with which id, from the envelope alone.</summary>
    private static (int Responses, RequestId Id) Expect(ReadOnlySpan<byte> input)
    {
        var trimmed = input;
        while (!trimmed.IsEmpty && trimmed[^1] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n') trimmed = trimmed[..^1];
        if (trimmed.IndexOfAnyExcept(" \t\r\n"u8) < 0) return (0, default); // an empty line carries no message
        if (!System.Text.Unicode.Utf8.IsValid(input)) return (1, default);
        JsonRpcEnvelope envelope;
        try
        {
            envelope = JsonRpcEnvelope.Read(input, 32);
        }
        catch (JsonException)
        {
            return (1, default);
        }
        return envelope.Kind switch
        {
            JsonRpcMessageKind.Request or JsonRpcMessageKind.Invalid => (1, envelope.Id),
            _ => (0, default),
        };
    }

    private static void Settle(McpConnection session)
    {
        if (!session.Admission.DrainAsync().Wait(TimeSpan.FromSeconds(5)))
        {
            throw new InvariantException("a request was still unanswered 5 s later (a hang)");
        }
    }

    private static void StillServes(McpConnection session, CapturingSink sink)
    {
        sink.Clear();
        session.HandleMessage("""{"jsonrpc":"2.0","id":"after","method":"ping"}"""u8);
        var after = sink.Check();
        if (after.Count != 1 || after[0] != """{"jsonrpc":"2.0","id":"after","result":{}}""")
        {
            throw new InvariantException("ping afterwards was not answered: " + string.Join(" | ", after));
        }
    }
}

/// <summary>An invariant of a fuzz target did not hold: a finding.</summary>
public sealed class InvariantException(string message) : Exception(message);

/// <summary>Keeps what a session sends; checks each message is one JSON-RPC 2.0 object and counts the responses.</summary>
internal sealed class CapturingSink : IMcpMessageSink
{
    private readonly List<(byte[] Message, McpMessageRoute Route)> _messages = new();

    public void Send(ReadOnlySpan<byte> message, McpMessageRoute route)
    {
        lock (_messages) _messages.Add((message.ToArray(), route));
    }

    public void Clear()
    {
        lock (_messages) _messages.Clear();
    }

    /// <summary>The responses sent, each checked to be valid; throws on a message that breaks the protocol.</summary>
    public List<string> Check()
    {
        var responses = new List<string>();
        lock (_messages)
        {
            foreach (var (message, route) in _messages)
            {
                var text = Encoding.UTF8.GetString(message);
                JsonElement root;
                try
                {
                    using var document = JsonDocument.Parse(message);
                    root = document.RootElement.Clone();
                }
                catch (JsonException ex)
                {
                    throw new InvariantException("the server sent invalid JSON: " + ex.Message + ": " + text);
                }
                if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("jsonrpc", out var version) || version.GetString() != "2.0")
                {
                    throw new InvariantException("the server sent something that is not a JSON-RPC 2.0 object: " + text);
                }
                if (route.Kind != McpOutgoingKind.Response) continue;
                var hasResult = root.TryGetProperty("result", out _);
                var hasError = root.TryGetProperty("error", out var error);
                if (hasResult == hasError || !root.TryGetProperty("id", out _))
                {
                    throw new InvariantException("a response needs an id and exactly one of result and error: " + text);
                }
                if (hasError && error.GetProperty("code").GetInt32() == JsonRpcErrorCode.InternalError)
                {
                    throw new InvariantException("bad input became an internal error (-32603): " + text);
                }
                responses.Add(text);
            }
        }
        return responses;
    }
}
