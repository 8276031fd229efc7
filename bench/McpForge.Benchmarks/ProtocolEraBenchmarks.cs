using System;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using McpForge.ClientInput;
using McpForge.JsonRpc;
using McpForge.Server;
using McpForge.Transports;

namespace McpForge.Benchmarks;

/// <summary>
/// The cost of the era a request comes in: the same <c>tools/call add</c> as a request of a 2025-11-25 session and as a
/// self-contained 2026-07-28 request (whose <c>_meta</c> is read and checked, and whose result gets <c>resultType</c> and
/// the server's identity), each from request bytes to response bytes on one connection; and sealing and opening the
/// request state of a round of input, with one answer in it.
/// </summary>
[MemoryDiagnoser]
public class ProtocolEraBenchmarks
{
    private static readonly byte[] s_legacy = """{"jsonrpc":"2.0","id":7,"method":"tools/call","params":{"name":"add","arguments":{"a":20,"b":22}}}"""u8.ToArray();
    private static readonly byte[] s_modern = """{"jsonrpc":"2.0","id":7,"method":"tools/call","params":{"name":"add","arguments":{"a":20,"b":22},"_meta":{"io.modelcontextprotocol/protocolVersion":"2026-07-28","io.modelcontextprotocol/clientCapabilities":{},"io.modelcontextprotocol/clientInfo":{"name":"bench","version":"1"}}}}"""u8.ToArray();

    // The session request carrying the 2026-07-28 request's bytes: the same _meta under keys that are not reserved
    // ("zz." for "io."), so it is read (for a progressToken) but claims no era. What separates it from Legacy is the cost
    // of the request's size alone; what separates Modern from it is the era's own work (its _meta, its larger result).
    private static readonly byte[] s_padded = """{"jsonrpc":"2.0","id":7,"method":"tools/call","params":{"name":"add","arguments":{"a":20,"b":22},"_meta":{"zz.modelcontextprotocol/protocolVersion":"2026-07-28","zz.modelcontextprotocol/clientCapabilities":{},"zz.modelcontextprotocol/clientInfo":{"name":"bench","version":"1"}}}}"""u8.ToArray();

    private McpConnection _connection = null!;
    private CountingSink _sink = null!;
    private McpServer _server = null!;
    private StateBinding _binding;
    private Dictionary<string, JsonElement> _answers = null!;
    private string _sealed = null!;

    [GlobalSetup]
    public void Setup()
    {
        _server = McpServer.CreateBuilder("bench", "1.0.0").AddTools<QuickStart.QuickStartTools>().Build();
        _sink = new CountingSink();
        _connection = new McpConnection(_server, _sink);
        _connection.HandleMessage("""{"jsonrpc":"2.0","id":0,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"bench","version":"1"}}}"""u8);
        _connection.HandleMessage("""{"jsonrpc":"2.0","method":"notifications/initialized"}"""u8);
        Check(Legacy(), "{\"jsonrpc\":\"2.0\",\"id\":7,\"result\":{\"content\":[{\"type\":\"text\",\"text\":\"42\"}]}}");
        Check(Padded(), "{\"jsonrpc\":\"2.0\",\"id\":7,\"result\":{\"content\":[{\"type\":\"text\",\"text\":\"42\"}]}}");
        Check(Modern(), "{\"jsonrpc\":\"2.0\",\"id\":7,\"result\":{\"content\":[{\"type\":\"text\",\"text\":\"42\"}],\"structuredContent\":42,\"resultType\":\"complete\",\"_meta\":{\"io.modelcontextprotocol/serverInfo\":{\"name\":\"bench\",\"version\":\"1.0.0\"}}}}");
        _sink.Keep = false;

        _binding = new StateBinding("tools/call", "ask_name", ArgumentsDigest.Of("""{"topic":"tea"}"""u8), null);
        using var answer = JsonDocument.Parse("""{"action":"accept","content":{"name":"Ada"}}""");
        _answers = new Dictionary<string, JsonElement>(StringComparer.Ordinal) { ["elicitation-1"] = answer.RootElement.Clone() };
        _sealed = Seal();
        if (!RequestStateSeal.TryOpen(_server, _sealed, _binding, out _, out var problem)) throw new InvalidOperationException(problem);
    }

    private int Check(int _, string expected) => _sink.Last == expected ? 0 : throw new InvalidOperationException("unexpected response: " + _sink.Last);

    [Benchmark(Baseline = true, Description = "2025-11-25 session: tools/call add")]
    public int Legacy()
    {
        _connection.HandleMessage(s_legacy);
        return _sink.Count;
    }

    [Benchmark(Description = "2026-07-28 request: tools/call add")]
    public int Modern()
    {
        _connection.HandleMessage(s_modern);
        return _sink.Count;
    }

    [Benchmark(Description = "2025-11-25 session: tools/call add, request as large as the 2026-07-28 one")]
    public int Padded()
    {
        _connection.HandleMessage(s_padded);
        return _sink.Count;
    }

    [Benchmark(Description = "request state: seal (one answer)")]
    public string Seal() =>
        RequestStateSeal.Seal(_server, _binding, _answers, [new KeyValuePair<string, string>("elicitation-2", "elicitation/create")], null);

    [Benchmark(Description = "request state: open (one answer)")]
    public bool Open() => RequestStateSeal.TryOpen(_server, _sealed, _binding, out _, out _);

    private sealed class CountingSink : IMcpMessageSink
    {
        public int Count;
        public string? Last;
        public bool Keep = true;

        public void Send(ReadOnlySpan<byte> message, McpMessageRoute route)
        {
            Count++;
            if (Keep) Last = Encoding.UTF8.GetString(message);
        }
    }
}
