using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;

namespace McpForge.Protocol;

/// <summary>One message of a sampling conversation: who says it and one or more content blocks.</summary>
public sealed class SamplingMessage
{
    /// <summary>A message of several blocks (a user message answering tool calls holds only <see cref="ToolResultContent"/>s).</summary>
    public SamplingMessage(Role role, IReadOnlyList<ContentBlock> content)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (content.Count == 0) throw new ArgumentException("A sampling message needs at least one content block.", nameof(content));
        Role = role;
        Content = content;
    }

    /// <summary>A message of one block.</summary>
    public SamplingMessage(Role role, ContentBlock content) : this(role, [content ?? throw new ArgumentNullException(nameof(content))])
    {
    }

    /// <summary>Who says it.</summary>
    public Role Role { get; }

    /// <summary>What is said.</summary>
    public IReadOnlyList<ContentBlock> Content { get; }

    /// <summary>A text message from the user.</summary>
    public static SamplingMessage User(string text) => new(Role.User, new TextContent(text));

    /// <summary>A text message from the assistant.</summary>
    public static SamplingMessage Assistant(string text) => new(Role.Assistant, new TextContent(text));

    internal void WriteTo(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("role"u8, Role == Role.User ? "user"u8 : "assistant"u8);
        writer.WritePropertyName("content"u8);
        // One block is written bare, which every protocol version reads; several need 2025-11-25's array form.
        if (Content.Count == 1)
        {
            Content[0].WriteTo(writer);
        }
        else
        {
            writer.WriteStartArray();
            foreach (var block in Content) block.WriteTo(writer);
            writer.WriteEndArray();
        }
        writer.WriteEndObject();
    }
}

/// <summary>Whether the model must, may or must not call the offered tools (<c>toolChoice.mode</c>).</summary>
public enum SamplingToolChoice
{
    /// <summary>The model decides.</summary>
    Auto,
    /// <summary>The model must call at least one tool.</summary>
    Required,
    /// <summary>The model must not call tools.</summary>
    None,
}

/// <summary>A tool offered to the client's model in a sampling request: the same shape as a <c>tools/list</c> entry.</summary>
public sealed class SamplingTool
{
    private readonly byte[] _json;

    /// <summary>A tool named <paramref name="name"/> whose arguments follow <paramref name="inputSchemaJson"/> (a JSON Schema object).</summary>
    public SamplingTool(string name, string? description, string inputSchemaJson)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(inputSchemaJson);
        using var schema = ParseObject(inputSchemaJson, nameof(inputSchemaJson));
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer, McpForge.JsonRpc.MessageBuffer.WriterOptions))
        {
            w.WriteStartObject();
            w.WriteString("name"u8, name);
            if (description is not null) w.WriteString("description"u8, description);
            w.WritePropertyName("inputSchema"u8);
            schema.RootElement.WriteTo(w);
            w.WriteEndObject();
        }
        _json = buffer.WrittenSpan.ToArray();
        Name = name;
    }

    private SamplingTool(string name, ReadOnlySpan<byte> json)
    {
        Name = name;
        _json = json.ToArray();
    }

    /// <summary>One of this server's tools, offered as it is listed (name, description, input schema, annotations).</summary>
    public static SamplingTool From(Tools.McpTool tool)
    {
        ArgumentNullException.ThrowIfNull(tool);
        return new SamplingTool(tool.Name, tool.Descriptor);
    }

    /// <summary>The tool's name, which <see cref="ToolUseContent.Name"/> repeats.</summary>
    public string Name { get; }

    internal void WriteTo(Utf8JsonWriter writer) => writer.WriteRawValue(_json, skipInputValidation: true);

    private static JsonDocument ParseObject(string json, string parameter)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException ex)
        {
            throw new ArgumentException("The input schema is not valid JSON: " + ex.Message, parameter, ex);
        }
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            document.Dispose();
            throw new ArgumentException("The input schema must be a JSON object.", parameter);
        }
        return document;
    }
}

/// <summary>Hints about the model the server would like the client to pick (<c>modelPreferences</c>).</summary>
public sealed class ModelPreferences
{
    /// <summary>Model names or families, most preferred first (substring matches, such as <c>claude-3-5-sonnet</c>).</summary>
    public IReadOnlyList<string>? Hints { get; init; }

    /// <summary>How much cost matters, 0 to 1.</summary>
    public double? CostPriority { get; init; }

    /// <summary>How much speed matters, 0 to 1.</summary>
    public double? SpeedPriority { get; init; }

    /// <summary>How much capability matters, 0 to 1.</summary>
    public double? IntelligencePriority { get; init; }

    internal void WriteTo(Utf8JsonWriter w)
    {
        w.WriteStartObject();
        if (Hints is { Count: > 0 })
        {
            w.WriteStartArray("hints"u8);
            foreach (var hint in Hints)
            {
                w.WriteStartObject();
                w.WriteString("name"u8, hint);
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }
        if (CostPriority is double cost) w.WriteNumber("costPriority"u8, cost);
        if (SpeedPriority is double speed) w.WriteNumber("speedPriority"u8, speed);
        if (IntelligencePriority is double intelligence) w.WriteNumber("intelligencePriority"u8, intelligence);
        w.WriteEndObject();
    }
}

/// <summary>A <c>sampling/createMessage</c> request: the conversation, the token budget, and optionally tools.</summary>
public sealed class SamplingRequest
{
    /// <summary>The conversation so far.</summary>
    public required IReadOnlyList<SamplingMessage> Messages { get; init; }

    /// <summary>The most tokens the model may generate.</summary>
    public required int MaxTokens { get; init; }

    /// <summary>A system prompt the client may use (or change).</summary>
    public string? SystemPrompt { get; init; }

    /// <summary>Sampling temperature.</summary>
    public double? Temperature { get; init; }

    /// <summary>Sequences that end generation.</summary>
    public IReadOnlyList<string>? StopSequences { get; init; }

    /// <summary>Which model the server would like.</summary>
    public ModelPreferences? ModelPreferences { get; init; }

    /// <summary>Tools the model may call; needs the client's <c>sampling.tools</c> capability (2025-11-25).</summary>
    public IReadOnlyList<SamplingTool>? Tools { get; init; }

    /// <summary>Whether the model must call the tools; sent only with <see cref="Tools"/>.</summary>
    public SamplingToolChoice? ToolChoice { get; init; }

    internal void Validate()
    {
        ArgumentNullException.ThrowIfNull(Messages);
        if (Messages.Count == 0) throw new ArgumentException("A sampling request needs at least one message.", nameof(Messages));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxTokens, 1, nameof(MaxTokens));
        if (ToolChoice is not null && Tools is not { Count: > 0 })
        {
            throw new ArgumentException("ToolChoice needs Tools.", nameof(ToolChoice));
        }
    }

    internal void WriteTo(Utf8JsonWriter w)
    {
        w.WriteStartObject();
        w.WriteStartArray("messages"u8);
        foreach (var message in Messages) message.WriteTo(w);
        w.WriteEndArray();
        w.WriteNumber("maxTokens"u8, MaxTokens);
        if (SystemPrompt is not null) w.WriteString("systemPrompt"u8, SystemPrompt);
        if (Temperature is double temperature) w.WriteNumber("temperature"u8, temperature);
        if (StopSequences is { Count: > 0 })
        {
            w.WriteStartArray("stopSequences"u8);
            foreach (var stop in StopSequences) w.WriteStringValue(stop);
            w.WriteEndArray();
        }
        if (ModelPreferences is not null)
        {
            w.WritePropertyName("modelPreferences"u8);
            ModelPreferences.WriteTo(w);
        }
        if (Tools is { Count: > 0 })
        {
            w.WriteStartArray("tools"u8);
            foreach (var tool in Tools) tool.WriteTo(w);
            w.WriteEndArray();
            if (ToolChoice is SamplingToolChoice choice)
            {
                w.WriteStartObject("toolChoice"u8);
                w.WriteString("mode"u8, choice switch { SamplingToolChoice.Required => "required"u8, SamplingToolChoice.None => "none"u8, _ => "auto"u8 });
                w.WriteEndObject();
            }
        }
        w.WriteEndObject();
    }
}

/// <summary>What the client's model answered to <c>sampling/createMessage</c>.</summary>
public sealed class SamplingResult
{
    internal SamplingResult(Role role, IReadOnlyList<ContentBlock> contents, string model, string? stopReason)
    {
        Role = role;
        Contents = contents;
        Model = model;
        StopReason = stopReason;
    }

    /// <summary>Who produced the content (normally the assistant).</summary>
    public Role Role { get; }

    /// <summary>Every content block of the answer (several when the model calls several tools).</summary>
    public IReadOnlyList<ContentBlock> Contents { get; }

    /// <summary>The first content block: the whole answer unless the model called tools.</summary>
    public ContentBlock Content => Contents[0];

    /// <summary>The text of the answer's text blocks, joined; empty when it has none.</summary>
    public string Text => string.Concat(Contents.OfType<TextContent>().Select(t => t.Text));

    /// <summary>The tool calls the model asked for (<see cref="StopReason"/> is then <c>toolUse</c>).</summary>
    public IEnumerable<ToolUseContent> ToolUses => Contents.OfType<ToolUseContent>();

    /// <summary>The model the client used.</summary>
    public string Model { get; }

    /// <summary>Why generation stopped (<c>endTurn</c>, <c>stopSequence</c>, <c>maxTokens</c>, <c>toolUse</c>, …), if given.</summary>
    public string? StopReason { get; }
}
