using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using McpForge.Generators.Helpers;
using McpForge.Generators.Model;

namespace McpForge.Generators.Emitting;

/// <summary>
/// Writes JSON Schema 2020-12 for values, from the same model the readers and writers come from, so a schema and
/// the code that reads or writes its values cannot disagree. Objects are written inline; a recursive type is
/// described once in the root's <c>$defs</c> and referred to with <c>$ref</c> (strict style), or written out
/// <see cref="MaxUnrolled"/> levels deep and then left open (LLM-friendly style, which also drops
/// <c>["T", "null"]</c> unions).
/// </summary>
internal sealed class SchemaWriter
{
    private const string DateTimePattern = @"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})?$";
    private const string TimeSpanPattern = @"^-?(\d+\.)?\d{2}:\d{2}:\d{2}(\.\d{1,7})?$";
    private const string TimePattern = @"^\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?$";

    /// <summary>How many times the LLM-friendly style writes out a recursive type inside itself before leaving it open.</summary>
    public const int MaxUnrolled = 3;

    private readonly IReadOnlyDictionary<string, ObjectSpec> _objects;
    private readonly bool _output;
    private readonly bool _llmFriendly;
    private readonly HashSet<string> _recursive;
    private readonly Dictionary<string, string> _definitions = new(System.StringComparer.Ordinal);
    private readonly List<string> _open = new();

    /// <param name="objects">Every object type the values reach.</param>
    /// <param name="output">An output schema: it describes what writers write (every member, null where they write null).</param>
    /// <param name="llmFriendly">The LLM-friendly input style.</param>
    public SchemaWriter(IReadOnlyDictionary<string, ObjectSpec> objects, bool output, bool llmFriendly)
    {
        _objects = objects;
        _output = output;
        _llmFriendly = llmFriendly && !output;
        _recursive = FindRecursive(objects, output);
    }

    /// <summary>The LLM-friendly input style: no <c>$ref</c>, no <c>null</c> unions.</summary>
    public bool IsLlmFriendly => _llmFriendly;

    /// <summary>
    /// Writes the schema of a value. <paramref name="nullable"/> adds <c>null</c> (unless LLM-friendly); the rest are
    /// the keywords of the slot holding it (a parameter's or member's description, default and constraints, and the
    /// <c>x-mcp-header</c> of a tool argument mirrored in a header, which only scalars have).
    /// </summary>
    public void Value(JsonText json, ValueSpec value, bool nullable, string? description = null, string? defaultJson = null,
        ConstraintSpec? constraints = null, string? title = null, bool readOnly = false, string? header = null)
    {
        // [Required] takes null away from a slot that could hold it.
        nullable &= !_llmFriendly && constraints?.NotNull != true;
        if (value.Kind == ValueKind.Object)
        {
            Object(json, _objects[value.TypeName], nullable, description, defaultJson, title, root: false, readOnly: readOnly);
            return;
        }

        json.StartObject();
        var type = value.Kind switch
        {
            ValueKind.Boolean => "boolean",
            ValueKind.Integer => "integer",
            ValueKind.Number => "number",
            ValueKind.Array or ValueKind.List or ValueKind.Set => "array",
            ValueKind.Dictionary => "object",
            ValueKind.JsonElement or ValueKind.External => null, // any JSON: the empty schema
            _ => "string",
        };
        if (type is not null)
        {
            json.Property("type");
            if (nullable) json.StartArray().String(type).String("null").EndArray();
            else json.String(type);
        }
        if (title is not null) json.Property("title").String(title);

        // Formats and patterns say exactly what readers accept and writers write. Readers take JSON Schema's
        // date-time and duration, and also the text System.Text.Json writes for a DateTime without an offset and
        // for a TimeSpan ("c"); writers write the latter. So an output schema has their patterns, a strict input
        // schema accepts either form, and an LLM-friendly one shows the standard format alone.
        var (format, pattern) = value.Kind switch
        {
            ValueKind.Guid => ("uuid", null),
            ValueKind.DateTimeOffset => ("date-time", null),
            ValueKind.DateOnly => ("date", null),
            ValueKind.Uri => ("uri", null),
            ValueKind.TimeOnly => (null, TimePattern),
            ValueKind.DateTime => _output ? (null, DateTimePattern) : _llmFriendly ? ("date-time", null) : ("date-time", DateTimePattern),
            ValueKind.TimeSpan => _output ? (null, TimeSpanPattern) : _llmFriendly ? ("duration", null) : ("duration", TimeSpanPattern),
            _ => ((string?)null, (string?)null),
        };
        if (format is not null && pattern is not null)
        {
            json.Property("anyOf").StartArray()
                .StartObject().Property("format").String(format).EndObject()
                .StartObject().Property("pattern").String(pattern).EndObject()
                .EndArray();
        }
        else
        {
            format ??= constraints?.Format;
            if (format is not null) json.Property("format").String(format);
            if (pattern is not null && constraints?.Pattern is null) json.Property("pattern").String(pattern);
        }
        if (value.Kind == ValueKind.Bytes) json.Property("contentEncoding").String("base64");
        if (value.Kind == ValueKind.Char) json.Property("minLength").Raw("1").Property("maxLength").Raw("1");
        // [Range] replaces the type's own bounds; exclusive bounds use JSON Schema 2020-12's exclusive keywords.
        var minimum = constraints?.Minimum ?? value.Minimum;
        var maximum = constraints?.Maximum ?? value.Maximum;
        if (minimum is not null) json.Property(constraints?.MinimumIsExclusive == true ? "exclusiveMinimum" : "minimum").Raw(minimum);
        if (maximum is not null) json.Property(constraints?.MaximumIsExclusive == true ? "exclusiveMaximum" : "maximum").Raw(maximum);
        if (constraints is not null) Keywords(json, constraints, value);
        if (value.Kind == ValueKind.Enum && constraints?.Allowed.Count is null or 0)
        {
            // [AllowedValues] on an enum narrows its members, written by Keywords instead.
            json.Property("enum").StartArray();
            foreach (var member in value.EnumValues) json.String(member.JsonName);
            if (nullable) json.Raw("null");
            json.EndArray();
        }
        if (value.IsCollection)
        {
            if (value.Kind == ValueKind.Set) json.Property("uniqueItems").Bool(true);
            json.Property("items");
            Value(json, value.Element!, value.ElementNullable);
        }
        if (value.Kind == ValueKind.Dictionary)
        {
            json.Property("additionalProperties");
            Value(json, value.Element!, value.ElementNullable);
        }
        if (readOnly) json.Property("readOnly").Bool(true);
        if (description is not null) json.Property("description").String(description);
        if (defaultJson is not null) json.Property("default").Raw(defaultJson);
        if (header is not null) json.Property("x-mcp-header").String(header);
        json.EndObject();
    }

    private static void Keywords(JsonText json, ConstraintSpec constraints, ValueSpec value)
    {
        var isArray = value.IsCollection;
        var minLength = constraints.MinLength ?? (constraints.NotEmpty ? 1 : null);
        if (minLength is int min) json.Property(isArray ? "minItems" : "minLength").Raw(min.ToString(CultureInfo.InvariantCulture));
        if (constraints.MaxLength is int max) json.Property(isArray ? "maxItems" : "maxLength").Raw(max.ToString(CultureInfo.InvariantCulture));
        if (constraints.Pattern is not null) json.Property("pattern").String(constraints.Pattern);
        if (constraints.Base64) json.Property("contentEncoding").String("base64");
        // Bounds of a date, time or duration: JSON Schema 2020-12 has no keyword for them; these are the ones of
        // ajv-formats, an annotation elsewhere. The generated check holds them either way.
        if (constraints.Lower is { } lower) json.Property(lower.IsExclusive ? "formatExclusiveMinimum" : "formatMinimum").String(lower.Text);
        if (constraints.Upper is { } upper) json.Property(upper.IsExclusive ? "formatExclusiveMaximum" : "formatMaximum").String(upper.Text);
        if (constraints.Allowed.Count > 0)
        {
            json.Property("enum").StartArray();
            foreach (var allowed in constraints.Allowed) json.Raw(allowed.Json);
            json.EndArray();
        }
        if (constraints.Denied.Count > 0)
        {
            json.Property("not").StartObject().Property("enum").StartArray();
            foreach (var denied in constraints.Denied) json.Raw(denied.Json);
            json.EndArray().EndObject();
        }
    }

    /// <summary>
    /// An object's schema. At the <paramref name="root"/> (an output schema, a <c>$defs</c> entry) it is always
    /// written out; elsewhere a recursive type becomes a <c>$ref</c> in the strict style.
    /// </summary>
    public void Object(JsonText json, ObjectSpec type, bool nullable, string? description, string? defaultJson, string? title, bool root,
        bool definitions = false, bool readOnly = false)
    {
        description ??= type.Description;
        if (!root && _recursive.Contains(type.TypeName))
        {
            if (!_llmFriendly)
            {
                var reference = "#/$defs/" + Definition(type);
                json.StartObject();
                if (nullable)
                {
                    json.Property("anyOf").StartArray()
                        .StartObject().Property("$ref").String(reference).EndObject()
                        .StartObject().Property("type").String("null").EndObject()
                        .EndArray();
                }
                else
                {
                    json.Property("$ref").String(reference);
                }
                if (title is not null) json.Property("title").String(title);
                if (readOnly) json.Property("readOnly").Bool(true);
                if (description is not null) json.Property("description").String(description);
                if (defaultJson is not null) json.Property("default").Raw(defaultJson);
                json.EndObject();
                return;
            }
            if (_open.Count(t => t == type.TypeName) >= MaxUnrolled)
            {
                json.StartObject().Property("type").String("object");
                json.Property("description").String((description is null ? "" : description + " ") + $"(A {type.DisplayName}, nested deeper than this schema shows.)");
                json.EndObject();
                return;
            }
        }

        _open.Add(type.TypeName);
        // Inputs list read-only members too, as "readOnly" (sending one back is no error; it is skipped).
        var members = type.Members.Where(m => _output ? m.CanWrite : m.CanRead || m.CanWrite).ToList();
        json.StartObject().Property("type");
        if (nullable) json.StartArray().String("object").String("null").EndArray();
        else json.String("object");
        if (title is not null) json.Property("title").String(title);
        if (readOnly) json.Property("readOnly").Bool(true);
        json.Property("properties").StartObject();
        foreach (var m in members)
        {
            json.Property(m.JsonName);
            Value(json, m.Value, m.IsNullable, m.Description, _output ? null : m.DefaultJson, m.Constraints, m.Title, readOnly: !_output && !m.CanRead);
        }
        json.EndObject();
        var required = members.Where(m => _output ? m.WriteCondition == WriteCondition.Always : m.IsRequired && !(m.IsNullable && m.Constraints?.NotNull != true && _llmFriendly)).ToList();
        if (required.Count > 0)
        {
            json.Property("required").StartArray();
            foreach (var m in required) json.String(m.JsonName);
            json.EndArray();
        }
        // Outputs may grow new members; inputs are read strictly (unknown properties are errors unless the server says otherwise).
        if (!_output) json.Property("additionalProperties").Bool(false);
        if (description is not null) json.Property("description").String(description);
        if (defaultJson is not null) json.Property("default").Raw(defaultJson);
        if (definitions) Definitions(json);
        json.EndObject();
        _open.RemoveAt(_open.Count - 1);
    }

    /// <summary>Writes <c>"$defs"</c> (as a property of the root object being written) when a <c>$ref</c> was written.</summary>
    public void Definitions(JsonText json)
    {
        if (_definitions.Count == 0) return;
        json.Property("$defs").StartObject();
        var written = new HashSet<string>(System.StringComparer.Ordinal);
        // Writing a definition can refer to further ones; loop until every referred type is written.
        while (_definitions.Keys.FirstOrDefault(k => !written.Contains(k)) is { } next)
        {
            written.Add(next);
            json.Property(_definitions[next]);
            Object(json, _objects[next], nullable: false, null, null, null, root: true);
        }
        json.EndObject();
    }

    private string Definition(ObjectSpec type)
    {
        if (_definitions.TryGetValue(type.TypeName, out var name)) return name;
        name = ValueCode.Identifier(type.DisplayName);
        if (_definitions.ContainsValue(name)) name = type.Id;
        _definitions[type.TypeName] = name;
        return name;
    }

    /// <summary>The object types that can contain themselves, through members and elements.</summary>
    private static HashSet<string> FindRecursive(IReadOnlyDictionary<string, ObjectSpec> objects, bool output)
    {
        var recursive = new HashSet<string>(System.StringComparer.Ordinal);
        foreach (var start in objects.Values)
        {
            var seen = new HashSet<string>(System.StringComparer.Ordinal);
            var stack = new Stack<ValueSpec>(Children(start));
            while (stack.Count > 0)
            {
                var value = stack.Pop();
                if (value.Element is not null) stack.Push(value.Element);
                if (value.Kind != ValueKind.Object || !seen.Add(value.TypeName)) continue;
                if (value.TypeName == start.TypeName)
                {
                    recursive.Add(start.TypeName);
                    break;
                }
                if (objects.TryGetValue(value.TypeName, out var next))
                {
                    foreach (var child in Children(next)) stack.Push(child);
                }
            }
        }
        return recursive;

        IEnumerable<ValueSpec> Children(ObjectSpec type) =>
            type.Members.Where(m => output ? m.CanWrite : m.CanRead || m.CanWrite).Select(m => m.Value);
    }
}
