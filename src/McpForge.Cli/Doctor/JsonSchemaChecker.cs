using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace McpForge.Cli.Doctor;

/// <summary>
/// Checks that a JSON value is a valid JSON Schema 2020-12 document: every keyword of the core, applicator,
/// validation, format and meta-data vocabularies has a value of the type the meta-schema requires, sub-schemas
/// are schemas, <c>pattern</c> compiles, local <c>$ref</c>s resolve. Unknown keywords are allowed (as in the
/// meta-schema). Problems are returned with the JSON Pointer of the keyword.
/// </summary>
internal static class JsonSchemaChecker
{
    public const string Draft202012 = "https://json-schema.org/draft/2020-12/schema";

    private static readonly HashSet<string> s_types = ["null", "boolean", "object", "array", "number", "string", "integer"];
    private static readonly string[] s_schemaKeywords = ["additionalProperties", "unevaluatedProperties", "unevaluatedItems", "items", "contains", "propertyNames", "not", "if", "then", "else"];
    private static readonly string[] s_schemaMapKeywords = ["properties", "patternProperties", "$defs", "dependentSchemas"];
    private static readonly string[] s_schemaArrayKeywords = ["allOf", "anyOf", "oneOf", "prefixItems"];
    private static readonly string[] s_countKeywords = ["minLength", "maxLength", "minItems", "maxItems", "minProperties", "maxProperties", "minContains", "maxContains"];
    private static readonly string[] s_numberKeywords = ["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"];
    private static readonly string[] s_stringKeywords = ["title", "description", "$comment", "format", "$anchor", "$dynamicAnchor", "$dynamicRef", "contentEncoding", "contentMediaType"];
    private static readonly string[] s_booleanKeywords = ["uniqueItems", "readOnly", "writeOnly", "deprecated"];

    /// <summary>The problems of <paramref name="schema"/>, each as "/json/pointer: what is wrong"; empty when valid.</summary>
    public static List<string> Check(JsonElement schema)
    {
        var problems = new List<string>();
        CheckSchema(schema, "", schema, problems, depth: 0);
        return problems;
    }

    /// <summary>The <c>$schema</c> of the root when it names a dialect other than 2020-12 (MCP's default), else null.</summary>
    public static string? OtherDialect(JsonElement schema) =>
        schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("$schema", out var dialect) && dialect.ValueKind == JsonValueKind.String
            && dialect.GetString()!.TrimEnd('#') != Draft202012
            ? dialect.GetString()
            : null;

    private static void CheckSchema(JsonElement schema, string path, JsonElement root, List<string> problems, int depth)
    {
        if (depth > 64)
        {
            problems.Add(Where(path) + ": nested more than 64 levels deep");
            return;
        }
        if (schema.ValueKind is JsonValueKind.True or JsonValueKind.False) return;
        if (schema.ValueKind != JsonValueKind.Object)
        {
            problems.Add($"{Where(path)}: a schema must be an object or a boolean, not {Kind(schema)}");
            return;
        }

        foreach (var keyword in schema.EnumerateObject())
        {
            var at = path + "/" + Escape(keyword.Name);
            var value = keyword.Value;
            switch (keyword.Name)
            {
                case "type":
                    CheckType(value, at, problems);
                    break;
                case "required":
                    CheckStringArray(value, at, problems);
                    break;
                case "enum":
                    if (value.ValueKind != JsonValueKind.Array) problems.Add($"{at}: must be an array, not {Kind(value)}");
                    break;
                case "multipleOf":
                    if (value.ValueKind != JsonValueKind.Number || value.GetDouble() <= 0) problems.Add($"{at}: must be a number greater than 0");
                    break;
                case "pattern":
                    CheckPattern(value, at, problems);
                    break;
                case "$schema" or "$id" or "$ref":
                    if (value.ValueKind != JsonValueKind.String) problems.Add($"{at}: must be a string (a URI), not {Kind(value)}");
                    else if (keyword.Name == "$ref") CheckReference(value.GetString()!, at, root, problems);
                    break;
                case "dependentRequired":
                    if (value.ValueKind != JsonValueKind.Object) problems.Add($"{at}: must be an object, not {Kind(value)}");
                    else foreach (var entry in value.EnumerateObject()) CheckStringArray(entry.Value, at + "/" + Escape(entry.Name), problems);
                    break;
                case "items" when value.ValueKind == JsonValueKind.Array:
                    problems.Add($"{at}: an array of schemas is draft-07; in 2020-12 \"items\" is one schema and tuples use \"prefixItems\"");
                    break;
                case "definitions":
                    CheckSchemaMap(value, at, root, problems, depth);
                    break;
                default:
                    if (s_schemaKeywords.Contains(keyword.Name)) CheckSchema(value, at, root, problems, depth + 1);
                    else if (s_schemaMapKeywords.Contains(keyword.Name)) CheckSchemaMap(value, at, root, problems, depth);
                    else if (s_schemaArrayKeywords.Contains(keyword.Name)) CheckSchemaArray(value, at, root, problems, depth);
                    else if (s_countKeywords.Contains(keyword.Name)) CheckCount(value, at, problems);
                    else if (s_numberKeywords.Contains(keyword.Name) && value.ValueKind != JsonValueKind.Number) problems.Add($"{at}: must be a number, not {Kind(value)}");
                    else if (s_stringKeywords.Contains(keyword.Name) && value.ValueKind != JsonValueKind.String) problems.Add($"{at}: must be a string, not {Kind(value)}");
                    else if (s_booleanKeywords.Contains(keyword.Name) && value.ValueKind is not (JsonValueKind.True or JsonValueKind.False)) problems.Add($"{at}: must be true or false, not {Kind(value)}");
                    break;
            }
        }

        if (schema.TryGetProperty("minimum", out var min) && schema.TryGetProperty("maximum", out var max)
            && min.ValueKind == JsonValueKind.Number && max.ValueKind == JsonValueKind.Number && min.GetDouble() > max.GetDouble())
        {
            problems.Add($"{Where(path)}: minimum {min.GetRawText()} is greater than maximum {max.GetRawText()}: no value is valid");
        }
    }

    private static void CheckType(JsonElement value, string at, List<string> problems)
    {
        if (value.ValueKind == JsonValueKind.String)
        {
            if (!s_types.Contains(value.GetString()!)) problems.Add($"{at}: \"{value.GetString()}\" is not a JSON Schema type (null, boolean, object, array, number, string, integer)");
            return;
        }
        if (value.ValueKind != JsonValueKind.Array || value.GetArrayLength() == 0)
        {
            problems.Add($"{at}: must be a type name or a non-empty array of them, not {Kind(value)}");
            return;
        }
        var seen = new HashSet<string>();
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String || !s_types.Contains(item.GetString()!)) problems.Add($"{at}: {item.GetRawText()} is not a JSON Schema type");
            else if (!seen.Add(item.GetString()!)) problems.Add($"{at}: \"{item.GetString()}\" is listed twice");
        }
    }

    private static void CheckStringArray(JsonElement value, string at, List<string> problems)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            problems.Add($"{at}: must be an array of strings, not {Kind(value)}");
            return;
        }
        var seen = new HashSet<string>();
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String) problems.Add($"{at}: {item.GetRawText()} is not a string");
            else if (!seen.Add(item.GetString()!)) problems.Add($"{at}: \"{item.GetString()}\" is listed twice");
        }
    }

    private static void CheckCount(JsonElement value, string at, List<string> problems)
    {
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out var number) || number < 0 || number != Math.Floor(number))
        {
            problems.Add($"{at}: must be a non-negative integer, not {value.GetRawText()}");
        }
    }

    private static void CheckPattern(JsonElement value, string at, List<string> problems)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            problems.Add($"{at}: must be a string (a regular expression), not {Kind(value)}");
            return;
        }
        try
        {
            _ = new Regex(value.GetString()!, RegexOptions.None, TimeSpan.FromSeconds(1));
        }
        catch (ArgumentException e)
        {
            problems.Add($"{at}: not a valid regular expression: {e.Message}");
        }
    }

    private static void CheckSchemaMap(JsonElement value, string at, JsonElement root, List<string> problems, int depth)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            problems.Add($"{at}: must be an object whose values are schemas, not {Kind(value)}");
            return;
        }
        foreach (var entry in value.EnumerateObject()) CheckSchema(entry.Value, at + "/" + Escape(entry.Name), root, problems, depth + 1);
    }

    private static void CheckSchemaArray(JsonElement value, string at, JsonElement root, List<string> problems, int depth)
    {
        if (value.ValueKind != JsonValueKind.Array || value.GetArrayLength() == 0)
        {
            problems.Add($"{at}: must be a non-empty array of schemas, not {Kind(value)}");
            return;
        }
        var index = 0;
        foreach (var item in value.EnumerateArray()) CheckSchema(item, $"{at}/{index++}", root, problems, depth + 1);
    }

    /// <summary>A reference inside the document (<c>#</c>, <c>#/$defs/x</c>) must point at something.</summary>
    private static void CheckReference(string reference, string at, JsonElement root, List<string> problems)
    {
        if (!reference.StartsWith('#')) return; // An absolute reference needs retrieval, which the doctor does not do.
        if (reference.Length == 1) return;
        if (reference[1] != '/') return; // "#name" is an $anchor.
        var target = root;
        foreach (var raw in reference[2..].Split('/'))
        {
            var token = Uri.UnescapeDataString(raw).Replace("~1", "/").Replace("~0", "~");
            if (target.ValueKind == JsonValueKind.Object && target.TryGetProperty(token, out var next)) target = next;
            else if (target.ValueKind == JsonValueKind.Array && int.TryParse(token, out var i) && i >= 0 && i < target.GetArrayLength()) target = target[i];
            else
            {
                problems.Add($"{at}: \"{reference}\" points at nothing in this schema");
                return;
            }
        }
    }

    private static string Escape(string name) => name.Replace("~", "~0").Replace("/", "~1");

    private static string Where(string path) => path.Length == 0 ? "(root)" : path;

    private static string Kind(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };
}
