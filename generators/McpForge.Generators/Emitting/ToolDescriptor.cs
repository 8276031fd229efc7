using System.Collections.Generic;
using System.Linq;
using McpForge.Generators.Helpers;
using McpForge.Generators.Model;

namespace McpForge.Generators.Emitting;

/// <summary>Writes a tool's <c>tools/list</c> entry as compact JSON: its name, texts, input and output schemas, and annotations.</summary>
internal static class ToolDescriptor
{
    /// <summary>The tool's <c>tools/list</c> entry, as compact JSON, in the strict or the LLM-friendly schema style.</summary>
    public static string Write(ToolSpec tool, bool llmFriendly = false)
    {
        var objects = tool.Types.ToDictionary(t => t.TypeName, System.StringComparer.Ordinal);
        var json = new JsonText().StartObject();
        json.Property("name").String(tool.ToolName);
        if (tool.Title is not null) json.Property("title").String(tool.Title);
        if (tool.Description is not null) json.Property("description").String(tool.Description);
        ComponentTableEmitter.WriteIcons(json, tool.Icons);
        json.Property("inputSchema");
        // A hand-written schema ([McpTool(InputSchema = ...)]) is the author's word, the same in both styles.
        if (tool.InputSchemaJson is { } handWritten) json.Raw(handWritten);
        else InputSchema(json, tool, new SchemaWriter(objects, output: false, llmFriendly));
        if (tool.Return.Kind == ReturnKind.Structured)
        {
            json.Property("outputSchema");
            OutputSchema(json, tool.Return, new SchemaWriter(objects, output: true, llmFriendly: false), objects);
        }
        var hints = new (string Name, bool? Value)[]
        {
            ("readOnlyHint", tool.ReadOnlyHint), ("destructiveHint", tool.DestructiveHint),
            ("idempotentHint", tool.IdempotentHint), ("openWorldHint", tool.OpenWorldHint),
        };
        if (tool.Title is not null || hints.Any(h => h.Value is not null))
        {
            json.Property("annotations").StartObject();
            if (tool.Title is not null) json.Property("title").String(tool.Title);
            foreach (var (name, value) in hints)
            {
                if (value is bool b) json.Property(name).Bool(b);
            }
            json.EndObject();
        }
        return json.EndObject().ToString();
    }

    /// <summary>
    /// The output schema only 2026-07-28 lists carry: for a result that is an array (<see cref="ReturnSpec.IsModernStructured"/>)
    /// <c>{"type":"array","items":…}</c> with its <c>$defs</c> inside, for a number or a boolean
    /// (<see cref="ReturnSpec.ScalarSchemaType"/>) <c>{"type":"integer"}</c> and so on; null for every other tool.
    /// </summary>
    public static string? ModernOutputSchema(ToolSpec tool)
    {
        if (tool.Return.ScalarSchemaType is { } scalar)
        {
            var type = new JsonText().StartObject().Property("type").String(scalar);
            if (tool.Return.Description is not null) type.Property("description").String(tool.Return.Description);
            return type.EndObject().ToString();
        }
        if (!tool.Return.IsModernStructured) return null;
        var objects = tool.Types.ToDictionary(t => t.TypeName, System.StringComparer.Ordinal);
        var schemas = new SchemaWriter(objects, output: true, llmFriendly: false);
        var value = tool.Return.Value!;
        var json = new JsonText().StartObject().Property("type").String("array");
        if (value.Kind == ValueKind.Set) json.Property("uniqueItems").Bool(true);
        json.Property("items");
        schemas.Value(json, value.Element!, value.ElementNullable);
        if (tool.Return.Description is not null) json.Property("description").String(tool.Return.Description);
        schemas.Definitions(json);
        return json.EndObject().ToString();
    }

    private static void InputSchema(JsonText json, ToolSpec tool, SchemaWriter schemas)
    {
        var arguments = tool.Parameters.Where(p => p.Kind == ParameterKind.Argument).ToList();
        json.StartObject().Property("type").String("object");
        json.Property("properties").StartObject();
        foreach (var a in arguments)
        {
            json.Property(a.JsonName);
            // An optional argument is not also made nullable: leaving it out is how a model says "no value".
            schemas.Value(json, a.Value!, nullable: a.IsNullable && !a.IsOptional, a.Description, a.DefaultJson, a.Constraints, header: a.HeaderName);
        }
        json.EndObject();
        var required = arguments.Where(a => !a.IsOptional && !(a.IsNullable && a.Constraints?.NotNull != true && schemas.IsLlmFriendly)).ToList();
        if (required.Count > 0)
        {
            json.Property("required").StartArray();
            foreach (var a in required) json.String(a.JsonName);
            json.EndArray();
        }
        json.Property("additionalProperties").Bool(false);
        schemas.Definitions(json);
        json.EndObject();
    }

    /// <summary>The output schema of a structured result: the object (or dictionary) itself, with its <c>$defs</c> inside.</summary>
    private static void OutputSchema(JsonText json, ReturnSpec returns, SchemaWriter schemas, IReadOnlyDictionary<string, ObjectSpec> objects)
    {
        var value = returns.Value!;
        if (value.Kind == ValueKind.Object)
        {
            // MCP 2025-11-25 wants an object schema at the root, so the root is never a $ref, even for a recursive type.
            schemas.Object(json, objects[value.TypeName], nullable: false, returns.Description, null, null, root: true, definitions: true);
            return;
        }
        json.StartObject().Property("type").String("object");
        json.Property("additionalProperties");
        schemas.Value(json, value.Element!, value.ElementNullable);
        if (returns.Description is not null) json.Property("description").String(returns.Description);
        schemas.Definitions(json);
        json.EndObject();
    }
}
