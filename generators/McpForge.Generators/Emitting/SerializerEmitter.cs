using System.Collections.Generic;
using System.Linq;
using McpForge.Generators.Helpers;
using McpForge.Generators.Model;

namespace McpForge.Generators.Emitting;

/// <summary>
/// Writes <c>McpForge.Generated.McpForgeJson</c>: one reader and one writer per user type, enum and collection shape
/// the assembly's tools and forms use, shared by all of them. Readers go straight over <c>Utf8JsonReader</c>,
/// record every problem with its path, and check DataAnnotations; writers go straight to <c>Utf8JsonWriter</c>.
/// </summary>
internal static class SerializerEmitter
{
    public const string ClassName = "global::McpForge.Generated.McpForgeJson";
    private const string Reader = "global::System.Text.Json.Utf8JsonReader";
    private const string Writer = "global::System.Text.Json.Utf8JsonWriter";
    private const string Context = "global::McpForge.Generated.JsonReadContext";
    private const string TokenType = ValueCode.JsonTokenType;
    private const string Values = ValueCode.JsonValueReader;

    /// <summary>
    /// What the shared serializers must cover: every user type of <paramref name="tools"/> and <paramref name="forms"/>,
    /// a reader for each value shape they read (arguments, forms) and a writer for each they write (results). Forms
    /// are taken in order of their type names, so the plan does not depend on the order files were parsed in.
    /// </summary>
    public static SerializerSpec Plan(IEnumerable<ToolSpec> tools, IEnumerable<FormSpec> forms)
    {
        var objects = new Dictionary<string, ObjectSpec>(System.StringComparer.Ordinal);
        var inputs = new List<ValueSpec>();
        var outputs = new List<ValueSpec>();
        void Add(IEnumerable<ObjectSpec> types)
        {
            foreach (var type in types)
            {
                if (!objects.ContainsKey(type.TypeName)) objects[type.TypeName] = type;
            }
        }
        var slots = new List<SlotSpec>();
        var constraints = new List<ConstraintSpec?>();
        foreach (var tool in tools)
        {
            Add(tool.Types);
            foreach (var argument in tool.Parameters.Where(p => p.Kind == ParameterKind.Argument))
            {
                inputs.Add(argument.Value!);
                slots.Add(new SlotSpec(SlotKind.Argument, argument.IsNullable && argument.Value!.IsValueType));
                constraints.Add(argument.Constraints);
            }
            if (tool.Return.Value is { } result) outputs.Add(result);
        }
        foreach (var form in forms.OrderBy(f => f.Object.TypeName, System.StringComparer.Ordinal))
        {
            Add(new[] { form.Object });
            inputs.Add(new ValueSpec { Kind = ValueKind.Object, TypeName = form.Object.TypeName, Id = form.Object.Id, IsValueType = form.Object.IsValueType });
        }
        EquatableArray<ValueSpec> Sorted(IEnumerable<ValueSpec> values) =>
            values.GroupBy(v => v.TypeName, System.StringComparer.Ordinal).Select(g => g.First())
                .OrderBy(v => v.Id, System.StringComparer.Ordinal).ToEquatableArray();
        var reads = Sorted(ValueCode.Reachable(inputs, objects, forReading: true));
        foreach (var read in reads.Where(r => r.Kind == ValueKind.Object))
        {
            slots.AddRange(objects[read.TypeName].Members.Where(m => m.CanRead).Select(m => new SlotSpec(SlotKind.Member, m.IsNullable && m.Value.IsValueType)));
            constraints.AddRange(objects[read.TypeName].Members.Where(m => m.CanRead).Select(m => m.Constraints));
        }
        var validators = constraints.Select(c => c?.Format switch { "tel" => "Phone", "credit-card" => "CreditCard", _ => null })
            .OfType<string>().Distinct().OrderBy(v => v, System.StringComparer.Ordinal).ToEquatableArray();
        return new SerializerSpec(
            objects.Values.OrderBy(o => o.TypeName, System.StringComparer.Ordinal).ToEquatableArray(),
            reads,
            Sorted(ValueCode.Reachable(outputs, objects, forReading: false)),
            slots.GroupBy(SlotReaders.Name, System.StringComparer.Ordinal).Select(g => g.First())
                .OrderBy(SlotReaders.Name, System.StringComparer.Ordinal).ToEquatableArray(),
            validators);
    }

    public static string Emit(SerializerSpec spec)
    {
        var objects = spec.Objects.ToDictionary(o => o.TypeName, System.StringComparer.Ordinal);
        var w = new SourceWriter();
        GeneratedFile.WriteHeader(w, "the JSON readers and writers of the arguments, user types, enums and collections this assembly's tools use.",
            "#pragma warning disable CS0612, CS0618 // A member may be [Obsolete]; it is still serialized.");
        w.WriteLine("namespace McpForge.Generated;");
        w.WriteLine();
        w.WriteLine("/// <summary>");
        w.WriteLine("/// Reads and writes the values of this assembly's tools without reflection: <c>Read_{Type}</c> reads one value at the");
        w.WriteLine("/// reader's current token, recording every problem with its JSON Pointer on the context; <c>Write_{Type}</c> writes one;");
        w.WriteLine("/// <c>ReadArgument</c> and <c>ReadMember</c> read an argument or a member for the binders, with the reader of its type.");
        w.WriteLine("/// Each type has one of each here, however many tools use it.");
        w.WriteLine("/// </summary>");
        w.WriteLine(GeneratedFile.GeneratedCodeAttribute);
        w.WriteLine(GeneratedFile.EditorBrowsableNever);
        w.OpenBlock("internal static class McpForgeJson");

        var names = PropertyNames(spec, objects);
        var first = true;
        if (names.Count > 0)
        {
            first = false;
            w.WriteLine("// Property names, encoded once.");
            foreach (var pair in names.OrderBy(n => n.Value, System.StringComparer.Ordinal))
            {
                w.WriteLine($"private static readonly global::System.Text.Json.JsonEncodedText {pair.Value} = global::System.Text.Json.JsonEncodedText.Encode({CSharpLiteral.String(pair.Key)});");
            }
        }

        var reads = spec.Reads.ToDictionary(r => r.TypeName, System.StringComparer.Ordinal);
        var writes = spec.Writes.ToDictionary(r => r.TypeName, System.StringComparer.Ordinal);
        foreach (var value in spec.Reads.Concat(spec.Writes).GroupBy(v => v.TypeName).Select(g => g.First()).OrderBy(v => v.Id, System.StringComparer.Ordinal))
        {
            if (!first) w.WriteLine();
            first = false;
            w.WriteLine("// " + Describe(value, objects));
            if (reads.ContainsKey(value.TypeName))
            {
                EmitReader(w, value, objects);
            }
            if (writes.ContainsKey(value.TypeName))
            {
                if (reads.ContainsKey(value.TypeName)) w.WriteLine();
                EmitWriter(w, value, objects, names);
            }
        }

        if (spec.Slots.Count > 0 || spec.Reads.Any(r => r.IsCollection || r.Kind == ValueKind.Dictionary))
        {
            if (!first) w.WriteLine();
            first = false;
            SlotReaders.EmitTypes(w);
        }
        foreach (var slot in spec.Slots)
        {
            w.WriteLine();
            SlotReaders.Emit(w, slot);
        }
        CollectionReaders.EmitLoops(w, spec.Reads);
        foreach (var validator in spec.Validators)
        {
            w.WriteLine();
            w.WriteLine($"/// <summary>The check of DataAnnotations' [{validator}] itself, for the arguments and members that carry it.</summary>");
            w.WriteLine($"public static readonly global::System.ComponentModel.DataAnnotations.{validator}Attribute {validator} = new();");
        }

        // What readers need besides code: compiled patterns, setters of init properties, the user's type infos.
        foreach (var value in spec.Reads.Where(v => v.Kind == ValueKind.Object))
        {
            var type = objects[value.TypeName];
            foreach (var member in type.Members.Where(m => m.CanRead))
            {
                if (member.Constraints?.Pattern is { } pattern)
                {
                    w.WriteLine();
                    ValueCode.PatternField(w, PatternField(type, member), pattern);
                }
                if (member.Binding == MemberBinding.InitAccessor)
                {
                    w.WriteLine();
                    var target = type.IsValueType ? $"ref {type.TypeName} target" : $"{type.TypeName} target";
                    w.WriteLine($"[global::System.Runtime.CompilerServices.UnsafeAccessor(global::System.Runtime.CompilerServices.UnsafeAccessorKind.Method, Name = \"set_{member.Name.TrimStart('@')}\")]");
                    w.WriteLine($"private static extern void {SetterName(type, member)}({target}, {member.SlotType} value);");
                }
            }
        }
        foreach (var value in spec.Reads.Concat(spec.Writes).Where(v => v.Kind == ValueKind.External).GroupBy(v => v.TypeName).Select(g => g.First()))
        {
            w.WriteLine();
            w.WriteLine($"private static global::System.Text.Json.Serialization.Metadata.JsonTypeInfo<{value.TypeName}>? s_info_{value.Id};");
            w.WriteLine($"/// <summary>The type info of <c>{Plain(value.TypeName)}</c> in {Plain(value.ContextTypeName!)}, looked up once.</summary>");
            w.WriteLine($"private static global::System.Text.Json.Serialization.Metadata.JsonTypeInfo<{value.TypeName}> Info_{value.Id} =>");
            w.WriteLine($"    s_info_{value.Id} ??= (global::System.Text.Json.Serialization.Metadata.JsonTypeInfo<{value.TypeName}>){value.ContextTypeName}.Default.GetTypeInfo(typeof({value.TypeName}))!;");
        }

        w.CloseBlock();
        return w.ToString();
    }

    private static string Plain(string typeName) => typeName.Replace("global::", "");

    private static string Describe(ValueSpec value, IReadOnlyDictionary<string, ObjectSpec> objects) => value.Kind switch
    {
        ValueKind.Object => $"{Plain(value.TypeName)}: {{{string.Join(", ", objects[value.TypeName].Members.Select(m => $"\"{m.JsonName}\"{(m.IsRequired ? "" : "?")}: {Short(m.Value)}{(m.IsNullable ? " | null" : "")}"))}}}",
        ValueKind.Enum => $"{Plain(value.TypeName)}: one of {string.Join(", ", value.EnumValues.Select(e => "\"" + e.JsonName + "\""))}",
        ValueKind.Dictionary => $"{Plain(value.TypeName)}: {{ string: {Short(value.Element!)} }}",
        ValueKind.External => $"{Plain(value.TypeName)}: through {Plain(value.ContextTypeName!)}",
        _ => $"{Plain(value.TypeName)}: [{Short(value.Element!)}{(value.ElementNullable ? " | null" : "")}]{(value.Kind == ValueKind.Set ? ", distinct" : "")}",
    };

    private static string Short(ValueSpec value) => value.Kind switch
    {
        ValueKind.Object or ValueKind.Enum or ValueKind.External => Plain(value.TypeName).Split('.').Last(),
        ValueKind.Array or ValueKind.List or ValueKind.Set => "[" + Short(value.Element!) + "]",
        ValueKind.Dictionary => "{ string: " + Short(value.Element!) + " }",
        _ => value.Kind.ToString().ToLowerInvariant(),
    };

    public static string PatternField(ObjectSpec type, MemberSpec member) => $"s_pattern_{type.Id}_{member.Name.TrimStart('@')}";

    private static string SetterName(ObjectSpec type, MemberSpec member) => $"Set_{type.Id}_{member.Name.TrimStart('@')}";

    /// <summary>One encoded-name field per distinct JSON property name the writers use.</summary>
    private static Dictionary<string, string> PropertyNames(SerializerSpec spec, IReadOnlyDictionary<string, ObjectSpec> objects)
    {
        var fields = new Dictionary<string, string>(System.StringComparer.Ordinal);
        var used = new HashSet<string>(System.StringComparer.Ordinal);
        foreach (var json in spec.Writes.Where(v => v.Kind == ValueKind.Object).SelectMany(v => objects[v.TypeName].Members)
            .Where(m => m.CanWrite).Select(m => m.JsonName).Distinct().OrderBy(n => n, System.StringComparer.Ordinal))
        {
            var field = "s_" + ValueCode.Identifier(json);
            for (var i = 2; !used.Add(field); i++) field = "s_" + ValueCode.Identifier(json) + "_" + i;
            fields[json] = field;
        }
        return fields;
    }

    private static void EmitReader(SourceWriter w, ValueSpec value, IReadOnlyDictionary<string, ObjectSpec> objects)
    {
        w.OpenBlock($"public static bool Read_{value.Id}(ref {Reader} reader, {Context} context, out {value.TypeName} value)");
        switch (value.Kind)
        {
            case ValueKind.Object: EmitObjectReader(w, objects[value.TypeName]); break;
            case ValueKind.Enum: EmitEnumReader(w, value); break;
            case ValueKind.Dictionary: CollectionReaders.EmitReaderBody(w, value); break;
            case ValueKind.External: w.WriteLine($"return {Values}.TryReadWith(ref reader, context, Info_{value.Id}, out value);"); break;
            default: CollectionReaders.EmitReaderBody(w, value); break;
        }
        w.CloseBlock();
    }

    private static void EmitEnumReader(SourceWriter w, ValueSpec value)
    {
        w.OpenBlock($"if (reader.TokenType == {TokenType}.String)");
        foreach (var member in value.EnumValues)
        {
            w.OpenBlock($"if (reader.ValueTextEquals({CSharpLiteral.Utf8(member.JsonName)}))");
            w.WriteLine($"value = {value.TypeName}.{member.Name};");
            w.WriteLine("return true;");
            w.CloseBlock();
        }
        w.CloseBlock();
        w.WriteLine($"return {Values}.InvalidEnum(ref reader, context, {CSharpLiteral.String(string.Join(", ", value.EnumValues.Select(e => e.JsonName)))}, out value);");
    }

    private static void EmitObjectReader(SourceWriter w, ObjectSpec type)
    {
        var members = type.Members.Where(m => m.CanRead).ToList();
        w.OpenBlock($"if (reader.TokenType != {TokenType}.StartObject)");
        w.WriteLine($"return {Values}.Mismatch(ref reader, context, \"an object\", out value);");
        w.CloseBlock();
        w.WriteLine("var errors = context.ErrorCount;");

        var unknown = type.UnknownMembers switch
        {
            UnknownMembers.Skip => "false",
            UnknownMembers.Disallow => "true",
            _ => "context.RejectUnknownProperties",
        };
        var loop = new BinderEmitter.Loop("reader", "context", $"reader.Read() && reader.TokenType == {TokenType}.PropertyName",
            $"{Values}.UnknownProperty(ref reader, context, {unknown}, {CSharpLiteral.String(string.Join(", ", members.Select(m => m.JsonName)))});");
        var slots = members.Select(m => BinderEmitter.JsonSlot(SlotKind.Member, m.JsonName, Local(m), Given(m), Valid(m), m.SlotType, m.DefaultExpression,
            m.Value, m.IsNullable, m.IsRequired, $"{Values}.Missing(context, {CSharpLiteral.String(m.JsonName)});", loop, m.Constraints,
            m.Constraints?.Pattern is null ? null : PatternField(type, m))).ToList();
        BinderEmitter.Emit(w, loop, slots, type.Members.Where(m => !m.CanRead).Select(m => m.JsonName).ToList());

        w.OpenBlock("if (context.ErrorCount != errors)");
        w.WriteLine(type.IsValueType ? "value = default;" : "value = default!;");
        w.WriteLine("return false;");
        w.CloseBlock();

        var arguments = members.Where(m => m.Binding == MemberBinding.Constructor).OrderBy(m => m.ConstructorPosition).Select(Local).ToList();
        var initialized = members.Where(m => m.Binding == MemberBinding.Initializer).Select(m => $"{m.Name} = {Local(m)}").ToList();
        var creation = $"new {type.TypeName}({string.Join(", ", arguments)})";
        if (initialized.Count == 0)
        {
            w.WriteLine($"value = {creation};");
        }
        else
        {
            // Object initializer, one member a line.
            w.WriteLine($"value = {creation}");
            w.WriteLine("{");
            w.Indent();
            foreach (var member in initialized) w.WriteLine(member + ",");
            w.Unindent();
            w.WriteLine("};");
        }
        foreach (var m in members.Where(m => m.Binding == MemberBinding.Setter))
        {
            w.OpenBlock($"if ({Given(m)})");
            w.WriteLine($"value.{m.Name} = {Local(m)};");
            w.CloseBlock();
        }
        foreach (var m in members.Where(m => m.Binding == MemberBinding.InitAccessor))
        {
            w.OpenBlock($"if ({Given(m)})");
            w.WriteLine($"{SetterName(type, m)}({(type.IsValueType ? "ref " : "")}value, {Local(m)});");
            w.CloseBlock();
        }
        w.WriteLine("return true;");
    }

    // Locals are "m_" + the member name, flags "has_" and "ok_" + it: none can be reader, context, value or errors,
    // nor each other.
    private static string Local(MemberSpec member) => "m_" + member.Name.TrimStart('@');

    private static string Given(MemberSpec member) => "has_" + member.Name.TrimStart('@');

    private static string Valid(MemberSpec member) => "ok_" + member.Name.TrimStart('@');

    private static void EmitWriter(SourceWriter w, ValueSpec value, IReadOnlyDictionary<string, ObjectSpec> objects, Dictionary<string, string> names)
    {
        w.OpenBlock($"public static void Write_{value.Id}({Writer} writer, {value.TypeName} value)");
        switch (value.Kind)
        {
            case ValueKind.Object:
                w.WriteLine("writer.WriteStartObject();");
                foreach (var m in objects[value.TypeName].Members.Where(m => m.CanWrite))
                {
                    EmitMemberWrite(w, m, names[m.JsonName]);
                }
                w.WriteLine("writer.WriteEndObject();");
                break;
            case ValueKind.Enum:
                w.OpenBlock("switch (value)");
                foreach (var member in value.EnumValues.Where(e => e.OwnsValue))
                {
                    w.WriteLine($"case {value.TypeName}.{member.Name}:");
                    w.Indent();
                    w.WriteLine($"writer.WriteStringValue({CSharpLiteral.Utf8(member.JsonName)});");
                    w.WriteLine("return;");
                    w.Unindent();
                }
                w.WriteLine("default:");
                w.Indent();
                w.WriteLine($"{ValueCode.JsonValueWriter}.UndefinedEnum(value);");
                w.WriteLine("return;");
                w.Unindent();
                w.CloseBlock();
                break;
            case ValueKind.Dictionary:
                w.WriteLine("writer.WriteStartObject();");
                if (value.TypeName != value.ConcreteTypeName)
                {
                    // Declared as an interface, usually a Dictionary: its struct enumerator allocates nothing.
                    w.OpenBlock($"if (value is {value.ConcreteTypeName} dictionary)");
                    w.OpenBlock("foreach (var pair in dictionary)");
                    w.WriteLine("writer.WritePropertyName(pair.Key);");
                    ValueCode.Write(w, value.Element!, value.ElementNullable, "writer", "pair.Value", "item", inside: true);
                    w.CloseBlock();
                    w.WriteLine("writer.WriteEndObject();");
                    w.WriteLine("return;");
                    w.CloseBlock();
                }
                w.OpenBlock("foreach (var pair in value)");
                w.WriteLine("writer.WritePropertyName(pair.Key);");
                ValueCode.Write(w, value.Element!, value.ElementNullable, "writer", "pair.Value", "item", inside: true);
                w.CloseBlock();
                w.WriteLine("writer.WriteEndObject();");
                break;
            case ValueKind.External:
                w.WriteLine($"{ValueCode.JsonValueWriter}.WriteWith(writer, value, Info_{value.Id});");
                break;
            default:
                w.WriteLine("writer.WriteStartArray();");
                if (value.Kind == ValueKind.List && value.TypeName != value.ConcreteTypeName)
                {
                    // Declared as an interface, usually a List: index it directly, without interface calls.
                    w.OpenBlock($"if (value is {value.ConcreteTypeName} list)");
                    w.OpenBlock("for (var i = 0; i < list.Count; i++)");
                    ValueCode.Write(w, value.Element!, value.ElementNullable, "writer", "list[i]", "item", inside: true);
                    w.CloseBlock();
                    w.WriteLine("writer.WriteEndArray();");
                    w.WriteLine("return;");
                    w.CloseBlock();
                }
                if (value.IsIndexable)
                {
                    w.OpenBlock($"for (var i = 0; i < value.{(value.Kind == ValueKind.Array ? "Length" : "Count")}; i++)");
                    ValueCode.Write(w, value.Element!, value.ElementNullable, "writer", "value[i]", "item", inside: true);
                }
                else
                {
                    w.OpenBlock("foreach (var element in value)");
                    ValueCode.Write(w, value.Element!, value.ElementNullable, "writer", "element", "item", inside: true);
                }
                w.CloseBlock();
                w.WriteLine("writer.WriteEndArray();");
                break;
        }
        w.CloseBlock();
    }

    private static void EmitMemberWrite(SourceWriter w, MemberSpec m, string name)
    {
        var expression = "value." + m.Name;
        var local = "m_" + m.Name.TrimStart('@');
        var condition = m.WriteCondition switch
        {
            WriteCondition.WhenNotNull when m.IsNullable || !m.Value.IsValueType => $"{expression} is not null",
            WriteCondition.WhenNotDefault => $"!global::System.Collections.Generic.EqualityComparer<{m.SlotType}>.Default.Equals({expression}, {(m.IsNullable || m.Value.IsValueType ? "default" : "default!")})",
            _ => null,
        };
        if (condition is not null) w.OpenBlock($"if ({condition})");
        if (!m.IsNullable && m.Value.IsValueType && ValueCode.WriteProperty(m.Value, "writer", name, expression) is { } direct)
        {
            w.WriteLine(direct);
        }
        else if (m.Value.Kind == ValueKind.String)
        {
            w.WriteLine($"writer.WriteString({name}, {expression});"); // writes null for null
        }
        else
        {
            w.WriteLine($"writer.WritePropertyName({name});");
            ValueCode.Write(w, m.Value, m.IsNullable, "writer", expression, local, inside: true);
        }
        if (condition is not null) w.CloseBlock();
    }
}
