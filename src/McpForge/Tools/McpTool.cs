using System;
using System.Text.Json;
using System.Threading.Tasks;
using McpForge.Server;
using McpForge.Generated;

namespace McpForge.Tools;

/// <summary>
/// One tool: its name, its <c>tools/list</c> entry as precomputed UTF-8 JSON, and its invoker.
/// Generated code creates these; <see cref="McpToolSet"/> groups them per class.
/// </summary>
public sealed class McpTool : McpComponent
{
    /// <summary>Creates a tool from its name, its complete <c>tools/list</c> entry and its invoker.</summary>
    /// <param name="name">The tool name, as in the descriptor.</param>
    /// <param name="descriptor">The tool's JSON object as listed by <c>tools/list</c> (name, description, inputSchema, …).</param>
    /// <param name="invoker">Binds arguments, calls the method and writes the result.</param>
    public McpTool(string name, ReadOnlySpan<byte> descriptor, McpToolInvoker invoker) : base(name, descriptor, null)
    {
        Invoker = invoker ?? throw new ArgumentNullException(nameof(invoker));
    }

    /// <summary>
    /// Creates a tool whose entry differs under <see cref="SchemaStyle.LlmFriendly"/>: <paramref name="llmFriendlyDescriptor"/>
    /// is listed instead of <paramref name="descriptor"/> when the server uses that style.
    /// </summary>
    public McpTool(string name, ReadOnlySpan<byte> descriptor, ReadOnlySpan<byte> llmFriendlyDescriptor, McpToolInvoker invoker)
        : this(name, descriptor, invoker)
    {
        _llmFriendlyDescriptor = llmFriendlyDescriptor.ToArray();
    }

    private readonly byte[]? _llmFriendlyDescriptor;

    /// <summary>The entry <c>tools/list</c> sends under <paramref name="style"/>.</summary>
    public ReadOnlySpan<byte> DescriptorFor(SchemaStyle style) =>
        style == SchemaStyle.LlmFriendly && _llmFriendlyDescriptor is { } friendly ? friendly : Descriptor;

    private protected override ReadOnlySpan<byte> ListEntry(SchemaStyle style, bool modern) =>
        modern && _modernDescriptors is { } entries ? entries[style == SchemaStyle.LlmFriendly ? 1 : 0] : DescriptorFor(style);

    /// <summary>The strict and LLM-friendly entries with <see cref="ModernOutputSchema"/> added, for 2026-07-28 clients.</summary>
    private byte[][]? _modernDescriptors;

    /// <summary>
    /// The output schema of a result that is not an object (an array), which only 2026-07-28 lists carry (MCP 2025-11-25
    /// requires an object schema): added to this tool's entry in <c>tools/list</c> for 2026-07-28 clients, whose calls
    /// get the value as <c>structuredContent</c> (<see cref="ToolResults.WriteStructuredIfModern"/>). For generated code.
    /// </summary>
    [System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
    public string? ModernOutputSchema
    {
        get => _modernOutputSchema;
        init
        {
            _modernOutputSchema = value;
            _modernDescriptors = value is null ? null : [WithOutputSchema(DescriptorFor(SchemaStyle.Strict), value), WithOutputSchema(DescriptorFor(SchemaStyle.LlmFriendly), value)];
        }
    }

    private readonly string? _modernOutputSchema;

    /// <summary>A list entry (a JSON object without <c>outputSchema</c>) with <c>"outputSchema": schema</c> as its last member.</summary>
    private static byte[] WithOutputSchema(ReadOnlySpan<byte> entry, string schema)
    {
        var end = entry.LastIndexOf((byte)'}');
        var member = System.Text.Encoding.UTF8.GetBytes(",\"outputSchema\":" + schema + "}");
        var result = new byte[end + member.Length];
        entry[..end].CopyTo(result);
        member.CopyTo(result, end);
        return result;
    }

    /// <summary>Binds, invokes and writes the result.</summary>
    public McpToolInvoker Invoker { get; }

    /// <summary>
    /// The arguments a 2026-07-28 client mirrors into <c>Mcp-Param-*</c> headers (<c>[McpHeader]</c> on a parameter, or
    /// <c>x-mcp-header</c> in a run-time tool's schema); Streamable HTTP rejects a request whose headers and body differ.
    /// </summary>
    public System.Collections.Generic.IReadOnlyList<McpParamHeader> ParamHeaders { get; init; } = [];

    /// <summary>
    /// Whether the tool may run as a task (<c>[McpTool(TaskSupport = …)]</c>, docs/tasks.md). With tasks on, a 2025-11-25
    /// <c>tools/list</c> lists it as <c>execution.taskSupport</c>; 2026-07-28 has no such field.
    /// </summary>
    public McpTaskSupport TaskSupport { get; init; }

    private byte[]? _withExecution, _llmFriendlyWithExecution;

    /// <summary>
    /// The 2025-11-25 list entry of a task-capable tool: its entry with <c>"execution": {"taskSupport": …}</c> added
    /// (made once per style, from the precomputed entry, which is a JSON object).
    /// </summary>
    internal ReadOnlySpan<byte> ListEntryWithExecution(SchemaStyle style)
    {
        ref var cached = ref style == SchemaStyle.LlmFriendly && _llmFriendlyDescriptor is not null ? ref _llmFriendlyWithExecution : ref _withExecution;
        return cached ??= WithExecution(DescriptorFor(style), TaskSupport);
    }

    private static byte[] WithExecution(ReadOnlySpan<byte> entry, McpTaskSupport support)
    {
        var close = entry.LastIndexOf((byte)'}');
        var member = support == McpTaskSupport.Required ? ",\"execution\":{\"taskSupport\":\"required\"}}"u8 : ",\"execution\":{\"taskSupport\":\"optional\"}}"u8;
        var result = new byte[close + member.Length];
        entry[..close].CopyTo(result);
        member.CopyTo(result.AsSpan(close));
        return result;
    }

    /// <summary>This tool's own time limit (<c>[McpTool(TimeoutMs = …)]</c>); null uses <see cref="McpServerOptions.ToolTimeout"/>.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>
    /// A tool built at run time, for <see cref="McpServer.AddTool"/>: its arguments arrive as a <see cref="JsonElement"/>
    /// object and <paramref name="handler"/> returns the full result. Generated tools are faster and checked at build
    /// time; this is for tools that only exist once the server runs (plugins, user-defined commands).
    /// </summary>
    /// <param name="name">The tool name.</param>
    /// <param name="description">What it does, for the model.</param>
    /// <param name="inputSchema">The input JSON Schema, as a JSON object.</param>
    /// <param name="handler">Runs the tool.</param>
    public static McpTool Create(string name, string? description, string inputSchema,
        Func<JsonElement, McpToolCall, ValueTask<Protocol.CallToolResult>> handler)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(inputSchema);
        ArgumentNullException.ThrowIfNull(handler);
        using var schema = JsonDocument.Parse(inputSchema);
        if (schema.RootElement.ValueKind != JsonValueKind.Object)
        {
            throw new ArgumentException("The input schema must be a JSON object.", nameof(inputSchema));
        }
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, McpForge.JsonRpc.MessageBuffer.WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("name"u8, name);
            if (description is not null) writer.WriteString("description"u8, description);
            writer.WritePropertyName("inputSchema"u8);
            schema.RootElement.WriteTo(writer);
            writer.WriteEndObject();
        }
        return new McpTool(name, buffer.WrittenSpan, (call, arguments) =>
        {
            using var document = JsonDocument.Parse(arguments.IsEmpty ? "{}"u8.ToArray() : arguments.ToArray());
            return RunAsync(call, document.RootElement.Clone(), handler);
        })
        {
            ParamHeaders = ParamHeadersOf(schema.RootElement),
        };

        static async ValueTask RunAsync(McpToolCall call, JsonElement arguments, Func<JsonElement, McpToolCall, ValueTask<Protocol.CallToolResult>> handler)
        {
            var result = await handler(arguments, call).ConfigureAwait(false);
            ToolResults.WriteResult(call.BeginResult(), result);
        }
    }

    /// <summary>The properties of an input schema annotated with <c>x-mcp-header</c>.</summary>
    private static McpParamHeader[] ParamHeadersOf(JsonElement schema)
    {
        if (!schema.TryGetProperty("properties"u8, out var properties) || properties.ValueKind != JsonValueKind.Object) return [];
        var headers = new System.Collections.Generic.List<McpParamHeader>();
        foreach (var property in properties.EnumerateObject())
        {
            if (property.Value.ValueKind == JsonValueKind.Object && property.Value.TryGetProperty("x-mcp-header"u8, out var header)
                && header.ValueKind == JsonValueKind.String)
            {
                headers.Add(new McpParamHeader(header.GetString()!, property.Name));
            }
        }
        return [.. headers];
    }

    /// <summary>The input schema, parsed from the descriptor (for tests and tooling; the server never needs it).</summary>
    public JsonElement GetInputSchema(SchemaStyle style = SchemaStyle.Strict)
    {
        using var document = JsonDocument.Parse(DescriptorFor(style).ToArray());
        return document.RootElement.GetProperty("inputSchema"u8).Clone();
    }

    /// <summary>The output schema of a tool with structured output, or null (for tests and tooling).</summary>
    public JsonElement? GetOutputSchema()
    {
        using var document = JsonDocument.Parse(Descriptor.ToArray());
        return document.RootElement.TryGetProperty("outputSchema"u8, out var schema) ? schema.Clone() : null;
    }
}
