using System;
using System.Buffers;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using McpForge.Generated;
using McpForge.JsonRpc;
using McpForge.Server;
using McpForge.Transports;
using Sdk = ModelContextProtocol;

namespace McpForge.Benchmarks;

/// <summary>
/// Binding a tool's arguments (a nested record) and writing its record result. <see cref="McpForge_generated"/> and
/// <see cref="SystemTextJson_source_generated"/> do exactly the same work (read the arguments object into the record,
/// call the tool, write the result as JSON into a reused buffer); the two <c>ToolsCall</c> benchmarks run a whole
/// <c>tools/call</c>: McpForge's session from request bytes to response bytes, and the official SDK's
/// <c>McpServerTool.Create</c> + <c>InvokeAsync</c> from the request's params to the serialized result.
/// </summary>
[MemoryDiagnoser]
public class ToolCallBenchmarks
{
    private static readonly byte[] s_arguments = Encoding.UTF8.GetBytes(Orders.ArgumentsJson);
    private static readonly byte[] s_request = Encoding.UTF8.GetBytes("""{"jsonrpc":"2.0","id":7,"method":"tools/call","params":{"name":"place_order","arguments":""" + Orders.ArgumentsJson + "}}");
    private static readonly byte[] s_params = Encoding.UTF8.GetBytes("""{"name":"place_order","arguments":""" + Orders.ArgumentsJson + "}");

    private readonly ArrayBufferWriter<byte> _buffer = new(4096);
    private Utf8JsonWriter _writer = null!;
    private McpConnection _session = null!;
    private CountingSink _sink = null!;
    private Sdk.Server.McpServerTool _sdkTool = null!;
    private Sdk.Server.McpServer _sdkServer = null!;

    [GlobalSetup]
    public void Setup()
    {
        _writer = new Utf8JsonWriter(_buffer);
        var server = McpServer.CreateBuilder("bench", "1.0.0").AddTools<OrderBenchTools>().Build();
        _sink = new CountingSink();
        _session = new McpConnection(server, _sink);
        _session.HandleMessage("""{"jsonrpc":"2.0","id":0,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"bench","version":"1"}}}"""u8);
        _session.HandleMessage("""{"jsonrpc":"2.0","method":"notifications/initialized"}"""u8);

        // The official SDK's documented path: a tool made from a delegate, bound and written through reflection-based
        // System.Text.Json (its default options plus the reflection resolver, which a JIT app gets by default).
        var options = new JsonSerializerOptions(Sdk.McpJsonUtilities.DefaultOptions)
        {
            TypeInfoResolver = System.Text.Json.Serialization.Metadata.JsonTypeInfoResolver.Combine(
                Sdk.McpJsonUtilities.DefaultOptions.TypeInfoResolver, new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver()),
        };
        options.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter());
        _sdkTool = Sdk.Server.McpServerTool.Create((OrderRequest order) => Orders.Confirm(order),
            new Sdk.Server.McpServerToolCreateOptions { Name = "place_order", UseStructuredContent = true, SerializerOptions = options });
        _sdkServer = Sdk.Server.McpServer.Create(new Sdk.Server.StreamServerTransport(new MemoryStream(), new MemoryStream()), new Sdk.Server.McpServerOptions());

        // Every side must produce the same confirmation before it is timed.
        var forge = McpForge_generated();
        var stj = SystemTextJson_source_generated();
        if (forge != stj) throw new InvalidOperationException($"the outputs differ:\n{forge}\n{stj}");
        McpForge_ToolsCall();
        if (_sink.Last is not { } response || !response.Contains("\"structuredContent\":{\"orderId\"", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("McpForge's tools/call failed: " + _sink.Last);
        }
        var sdk = Encoding.UTF8.GetString(OfficialSdk_ToolsCall().AsTask().GetAwaiter().GetResult());
        if (!sdk.Contains("\"structuredContent\":{\"orderId\"", StringComparison.Ordinal)) throw new InvalidOperationException("the official SDK's call failed: " + sdk);
    }

    [Benchmark(Baseline = true, Description = "System.Text.Json source-generated: bind + write")]
    public int SystemTextJson_source_generated()
    {
        var arguments = JsonSerializer.Deserialize(s_arguments, BenchJsonContext.Default.PlaceOrderArguments)!;
        var result = Orders.Confirm(arguments.Order);
        _buffer.ResetWrittenCount();
        _writer.Reset();
        JsonSerializer.Serialize(_writer, result, BenchJsonContext.Default.OrderConfirmation);
        _writer.Flush();
        return _buffer.WrittenCount;
    }

    [Benchmark(Description = "McpForge generated: bind + write")]
    public int McpForge_generated()
    {
        var reader = new Utf8JsonReader(s_arguments);
        reader.Read();
        var context = new JsonReadContext();
        if (!McpForgeJson.Read_McpForge_Benchmarks_PlaceOrderArguments(ref reader, context, out var arguments))
        {
            throw new InvalidOperationException(context.ArgumentErrors[0].Message);
        }
        var result = Orders.Confirm(arguments.Order);
        _buffer.ResetWrittenCount();
        _writer.Reset();
        McpForgeJson.Write_McpForge_Benchmarks_OrderConfirmation(_writer, result);
        _writer.Flush();
        return _buffer.WrittenCount;
    }

    [Benchmark(Description = "McpForge: whole tools/call, request bytes to response bytes")]
    public int McpForge_ToolsCall()
    {
        _session.HandleMessage(s_request);
        return _sink.Count;
    }

    [Benchmark(Description = "Official SDK 2.4.0: McpServerTool.InvokeAsync, params to result bytes")]
    public async ValueTask<byte[]> OfficialSdk_ToolsCall()
    {
        var request = JsonSerializer.Deserialize(s_params, Sdk.McpJsonUtilities.DefaultOptions.GetTypeInfo(typeof(Sdk.Protocol.CallToolRequestParams)))
            as Sdk.Protocol.CallToolRequestParams;
        var context = new Sdk.Server.RequestContext<Sdk.Protocol.CallToolRequestParams>(_sdkServer, new Sdk.Protocol.JsonRpcRequest { Method = "tools/call" }, request!);
        var result = await _sdkTool.InvokeAsync(context).ConfigureAwait(false);
        return JsonSerializer.SerializeToUtf8Bytes(result, Sdk.McpJsonUtilities.DefaultOptions.GetTypeInfo(typeof(Sdk.Protocol.CallToolResult)));
    }

    /// <summary>A transport that keeps nothing but the count of messages (and, for the setup check, the last one).</summary>
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
