using System;
using System.Text.Json;

namespace McpForge.ClientInput;

/// <summary>Checks an elicitation form's schema: MCP's restricted JSON Schema is an object schema with properties.</summary>
internal static class FormSchema
{
    public static JsonDocument Parse(string requestedSchema)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(requestedSchema);
        }
        catch (JsonException ex)
        {
            throw new ArgumentException("The requested schema is not valid JSON: " + ex.Message, nameof(requestedSchema), ex);
        }
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object
            || !root.TryGetProperty("type"u8, out var type) || !type.ValueEquals("object"u8)
            || !root.TryGetProperty("properties"u8, out var properties) || properties.ValueKind != JsonValueKind.Object)
        {
            document.Dispose();
            throw new ArgumentException("An elicitation form schema must be {\"type\": \"object\", \"properties\": {...}}.", nameof(requestedSchema));
        }
        return document;
    }
}
