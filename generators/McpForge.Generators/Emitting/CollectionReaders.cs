using System.Collections.Generic;
using System.Linq;
using McpForge.Generators.Model;

namespace McpForge.Generators.Emitting;

/// <summary>
/// The shared serializers' readers of arrays, lists, sets and dictionaries: a generic loop per container kind
/// (<c>ReadItems</c>, <c>ReadProperties</c>, and their forms for nullable structs) that reads each item at its index or
/// key with the item's reader, and for each collection type in use a reader that creates the container, runs the loop
/// and hands the result back as the declared type.
/// </summary>
internal static class CollectionReaders
{
    private const string Reader = "global::System.Text.Json.Utf8JsonReader";
    private const string Context = "global::McpForge.Generated.JsonReadContext";
    private const string TokenType = ValueCode.JsonTokenType;
    private const string Values = ValueCode.JsonValueReader;

    /// <summary>The generic loops <paramref name="reads"/> need: items or properties, of nullable structs or not.</summary>
    public static void EmitLoops(SourceWriter w, IEnumerable<ValueSpec> reads)
    {
        var collections = reads.Where(r => r.IsCollection || r.Kind == ValueKind.Dictionary).ToList();
        var loops = collections.Select(c => (Dictionary: c.Kind == ValueKind.Dictionary, NullableStruct: NullableStruct(c))).Distinct()
            .OrderBy(l => l.Dictionary).ThenBy(l => l.NullableStruct).ToList();
        foreach (var (dictionary, nullableStruct) in loops)
        {
            w.WriteLine();
            if (dictionary) EmitPropertiesLoop(w, nullableStruct);
            else EmitItemsLoop(w, nullableStruct);
        }
        if (loops.Any(l => !l.Dictionary))
        {
            w.WriteLine();
            w.WriteLine("/// <summary>Adds an item; a set reports one it already holds.</summary>");
            w.OpenBlock($"private static void Add<T>(global::System.Collections.Generic.ICollection<T> items, T item, {Context} context)");
            w.OpenBlock("if (items is not global::System.Collections.Generic.ISet<T> set)");
            w.WriteLine("items.Add(item);");
            w.CloseBlock();
            w.OpenBlock("else if (!set.Add(item))");
            w.WriteLine($"{Values}.DuplicateItem(context);");
            w.CloseBlock();
            w.CloseBlock();
        }
    }

    /// <summary>The body of <c>Read_{Id}</c> of a collection or dictionary: its container, the loop, the value as declared.</summary>
    public static void EmitReaderBody(SourceWriter w, ValueSpec value)
    {
        var element = value.Element!;
        var loop = "Read" + (NullableStruct(value) ? "Nullable" : "")
            + (value.Kind == ValueKind.Dictionary ? "Properties" : "Items");
        var whenNull = NullableStruct(value) ? ""
            : value.ElementNullable ? ", WhenNull.Null"
            : element.Kind == ValueKind.JsonElement ? ", WhenNull.Read"
            : "";
        w.WriteLine($"var items = new {value.ConcreteTypeName}();");
        w.WriteLine($"var read = {loop}(ref reader, context, items, {ValueCode.ReaderMethod(element, inside: true)}{whenNull});");
        w.WriteLine(value.Kind == ValueKind.Array ? "value = items.ToArray();" : "value = items;");
        w.WriteLine("return read;");
    }

    private static bool NullableStruct(ValueSpec collection) => collection.ElementNullable && collection.Element!.IsValueType;

    private static void EmitItemsLoop(SourceWriter w, bool nullableStruct)
    {
        var item = nullableStruct ? "T?" : "T";
        w.WriteLine(nullableStruct
            ? "/// <summary>Reads a JSON array of items that may be null into <paramref name=\"items\"/>, each at its index with <paramref name=\"read\"/>.</summary>"
            : "/// <summary>Reads a JSON array into <paramref name=\"items\"/>, each item at its index with <paramref name=\"read\"/>; a null is what <paramref name=\"whenNull\"/> says.</summary>");
        w.OpenBlock($"public static bool Read{(nullableStruct ? "Nullable" : "")}Items<T>(ref {Reader} reader, {Context} context, global::System.Collections.Generic.ICollection<{item}> items, ValueReader<T> read"
            + (nullableStruct ? ")\n    where T : struct" : ", WhenNull whenNull = WhenNull.Error)"));
        w.OpenBlock($"if (reader.TokenType != {TokenType}.StartArray)");
        w.WriteLine($"return {Values}.Mismatch(ref reader, context, \"an array\", out {item} _);");
        w.CloseBlock();
        w.WriteLine("var errors = context.ErrorCount;");
        w.WriteLine("var index = 0;");
        w.OpenBlock($"while (reader.Read() && reader.TokenType != {TokenType}.EndArray)");
        w.WriteLine("context.Enter(index++);");
        EmitItem(w, nullableStruct, store: "Add(items, {0}, context);");
        w.WriteLine("context.Exit();");
        w.CloseBlock();
        w.WriteLine("return context.ErrorCount == errors;");
        w.CloseBlock();
    }

    private static void EmitPropertiesLoop(SourceWriter w, bool nullableStruct)
    {
        var item = nullableStruct ? "T?" : "T";
        w.WriteLine(nullableStruct
            ? "/// <summary>Reads a JSON object of values that may be null into <paramref name=\"items\"/>, each at its key with <paramref name=\"read\"/>.</summary>"
            : "/// <summary>Reads a JSON object into <paramref name=\"items\"/>, each value at its key with <paramref name=\"read\"/>; a null is what <paramref name=\"whenNull\"/> says.</summary>");
        w.OpenBlock($"public static bool Read{(nullableStruct ? "Nullable" : "")}Properties<T>(ref {Reader} reader, {Context} context, global::System.Collections.Generic.Dictionary<string, {item}> items, ValueReader<T> read"
            + (nullableStruct ? ")\n    where T : struct" : ", WhenNull whenNull = WhenNull.Error)"));
        w.OpenBlock($"if (reader.TokenType != {TokenType}.StartObject)");
        w.WriteLine($"return {Values}.Mismatch(ref reader, context, \"an object\", out {item} _);");
        w.CloseBlock();
        w.WriteLine("var errors = context.ErrorCount;");
        w.OpenBlock($"while (reader.Read() && reader.TokenType == {TokenType}.PropertyName)");
        w.WriteLine("var key = reader.GetString()!;");
        // One lookup finds a repeated key and, for a new one, the slot its value goes into.
        w.WriteLine("ref var slot = ref global::System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(items, key, out var repeated);");
        w.OpenBlock("if (repeated)");
        w.WriteLine($"{Values}.Duplicate(ref reader, context, key);");
        w.WriteLine("continue;");
        w.CloseBlock();
        w.WriteLine("reader.Read();");
        w.WriteLine("context.Enter(key);");
        EmitItem(w, nullableStruct, store: "slot = {0};");
        w.WriteLine("context.Exit();");
        w.CloseBlock();
        w.WriteLine("return context.ErrorCount == errors;");
        w.CloseBlock();
    }

    /// <summary>Reads the item the reader is on and stores it with <paramref name="store"/> (<c>{0}</c>: the item).</summary>
    private static void EmitItem(SourceWriter w, bool nullableStruct, string store)
    {
        string Store(string item) => string.Format(System.Globalization.CultureInfo.InvariantCulture, store, item);
        if (nullableStruct)
        {
            w.OpenBlock($"if (reader.TokenType == {TokenType}.Null)");
            w.WriteLine(Store("null"));
            w.CloseBlock();
            // A T? item cannot be an out T argument: read a T, then widen it.
            w.OpenBlock("else if (read(ref reader, context, out var item))");
            w.WriteLine(Store("item"));
            w.CloseBlock();
            return;
        }
        w.OpenBlock($"if (reader.TokenType != {TokenType}.Null || whenNull == WhenNull.Read)");
        w.OpenBlock("if (read(ref reader, context, out var item))");
        w.WriteLine(Store("item"));
        w.CloseBlock();
        w.CloseBlock();
        w.OpenBlock("else if (whenNull == WhenNull.Null)");
        w.WriteLine(Store("default!"));
        w.CloseBlock();
        w.OpenBlock("else");
        w.WriteLine($"{Values}.NotNullable(context);");
        w.CloseBlock();
    }
}
