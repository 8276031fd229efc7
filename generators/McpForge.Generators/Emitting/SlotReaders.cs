using McpForge.Generators.Model;

namespace McpForge.Generators.Emitting;

/// <summary>
/// The shared serializers' slot readers: generic methods that read a property a binder has found into its local, the
/// way every tool argument and every member is read, given the value's own reader. A second occurrence is an error and
/// is skipped; what a <c>null</c> is depends on the slot (<c>WhenNull</c>); the value is read at its JSON Pointer. Each
/// returns whether it stored a value that read without error, which decides whether its DataAnnotations are checked.
/// </summary>
internal static class SlotReaders
{
    private const string Reader = "global::System.Text.Json.Utf8JsonReader";
    private const string Context = "global::McpForge.Generated.JsonReadContext";

    /// <summary><c>ReadArgument</c>, <c>ReadNullableMember</c>: the slot reader of <paramref name="slot"/>.</summary>
    public static string Name(SlotSpec slot) =>
        "Read" + (slot.IsNullableStruct ? "Nullable" : "") + (slot.Kind == SlotKind.Argument ? "Argument" : "Member");

    /// <summary>
    /// The call that reads a slot of <paramref name="value"/> into <paramref name="local"/>, from a binder
    /// (<paramref name="inside"/>: from the shared serializers themselves, which name their own members plainly):
    /// <c>McpForgeJson.ReadArgument(ref __reader, __call, "a", ref __seen_a, ref a, JsonValueReader.TryReadInteger&lt;int&gt;)</c>,
    /// with what a null is when it is not an error.
    /// </summary>
    public static string Call(SlotKind kind, ValueSpec value, bool nullable, bool optional, string reader, string context, string jsonName, string given,
        string local, bool inside)
    {
        var slot = new SlotSpec(kind, nullable && value.IsValueType);
        var owner = inside ? "" : SerializerEmitter.ClassName + ".";
        var whenNull = slot.IsNullableStruct ? null
            : nullable ? "Null" : value.Kind == ValueKind.JsonElement ? "Read" : optional ? "NotGiven" : null;
        var read = ValueCode.ReaderMethod(value, inside);
        return $"{owner}{Name(slot)}(ref {reader}, {context}, {CSharpLiteral.String(jsonName)}, ref {given}, ref {local}, {read}"
            + (whenNull is null ? ");" : $", {owner}WhenNull.{whenNull});");
    }

    /// <summary>The delegate every value reader fits, and what a slot reader does with <c>null</c>.</summary>
    public static void EmitTypes(SourceWriter w)
    {
        w.WriteLine("/// <summary>Reads one value at the reader's current token, recording any problem on the context: what every reader here and in JsonValueReader is.</summary>");
        w.WriteLine($"public delegate bool ValueReader<T>(ref {Reader} reader, {Context} context, out T value);");
        w.WriteLine();
        w.WriteLine("/// <summary>What a <c>null</c> is to a slot.</summary>");
        w.OpenBlock("public enum WhenNull");
        w.WriteLine("/// <summary>An error: the slot cannot hold null.</summary>");
        w.WriteLine("Error,");
        w.WriteLine("/// <summary>\"Not given\": an optional slot keeps its default.</summary>");
        w.WriteLine("NotGiven,");
        w.WriteLine("/// <summary>The slot's value: it may hold null.</summary>");
        w.WriteLine("Null,");
        w.WriteLine("/// <summary>A value like any other, for the reader (a JsonElement's null is JSON).</summary>");
        w.WriteLine("Read,");
        w.CloseBlock();
    }

    public static void Emit(SourceWriter w, SlotSpec slot)
    {
        var what = slot.Kind == SlotKind.Argument ? "an argument" : "a member";
        var type = slot.IsNullableStruct ? "T?" : "T";
        var whenNull = slot.IsNullableStruct ? "" : ", WhenNull whenNull = WhenNull.Error";
        var constraint = slot.IsNullableStruct ? " where T : struct" : "";
        w.WriteLine(slot.IsNullableStruct
            ? $"/// <summary>Reads {what} (the reader on its name) that may be null into <paramref name=\"value\"/>, with <paramref name=\"read\"/>.</summary>"
            : $"/// <summary>Reads {what} (the reader on its name) into <paramref name=\"value\"/>, with <paramref name=\"read\"/>; a null is what <paramref name=\"whenNull\"/> says.</summary>");
        w.OpenBlock($"public static bool {Name(slot)}<T>(ref {Reader} reader, {Context} context, string name, ref bool given, ref {type} value, ValueReader<T> read{whenNull}){constraint}");
        w.OpenBlock("if (given)");
        w.WriteLine(slot.Kind == SlotKind.Argument
            ? "global::McpForge.Generated.ToolArguments.Duplicate(ref reader, context, name);"
            : $"{ValueCode.JsonValueReader}.Duplicate(ref reader, context, name);");
        w.WriteLine("return false;");
        w.CloseBlock();
        w.WriteLine("given = true;");
        w.WriteLine("reader.Read();");
        w.WriteLine("context.Enter(name);");
        w.WriteLine("var errors = context.ErrorCount;");
        if (slot.IsNullableStruct)
        {
            w.OpenBlock($"if (reader.TokenType == {ValueCode.JsonTokenType}.Null)");
            w.WriteLine("value = null;");
            w.CloseBlock();
            w.OpenBlock("else");
            // A T? cannot be an out T argument: read a T, then store it.
            w.WriteLine("read(ref reader, context, out var item);");
            w.WriteLine("value = item;");
            w.CloseBlock();
        }
        else
        {
            w.OpenBlock($"if (reader.TokenType != {ValueCode.JsonTokenType}.Null || whenNull == WhenNull.Read)");
            w.WriteLine("read(ref reader, context, out value);");
            w.CloseBlock();
            w.OpenBlock("else if (whenNull == WhenNull.Null)");
            w.WriteLine("value = default!;");
            w.CloseBlock();
            w.OpenBlock("else if (whenNull == WhenNull.NotGiven)");
            w.WriteLine("given = false;");
            w.CloseBlock();
            w.OpenBlock("else");
            w.WriteLine($"{ValueCode.JsonValueReader}.NotNullable(context);");
            w.CloseBlock();
        }
        w.WriteLine("context.Exit();");
        w.WriteLine("return given && context.ErrorCount == errors;");
        w.CloseBlock();
    }
}
