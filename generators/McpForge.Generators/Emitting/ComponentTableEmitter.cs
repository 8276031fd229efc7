using McpForge.Generators.Helpers;
using System;
using System.Collections.Generic;
using System.Linq;
using McpForge.Generators.Model;

namespace McpForge.Generators.Emitting;

/// <summary>
/// What the tool, prompt, resource and completion tables have in common: the file that implements a table interface
/// on the user's class, the name lookup, the factory of instances, the call that writes a result, and the parsers of
/// enums that arrive as strings.
/// </summary>
internal static class ComponentTableEmitter
{
    private const string ServiceResolver = "global::McpForge.Generated.ServiceResolver";

    /// <summary>
    /// A table file: the header, the class's partial declarations implementing <paramref name="interfaceName"/> with
    /// its <paramref name="property"/> (a <paramref name="setType"/>), and the nested class <paramref name="nestedClass"/>
    /// that holds it as <c>Set</c>, whose members <paramref name="emitMembers"/> writes.
    /// </summary>
    /// <param name="what">What the file holds, for its header: <c>tool table</c>.</param>
    /// <param name="attribute">The attribute of the methods the table compiles: <c>[McpTool]</c>.</param>
    public static string EmitFile(ComponentTypeSpec type, string what, string attribute, string interfaceName, string setType, string property,
        string nestedClass, Action<SourceWriter> emitMembers)
    {
        var w = new SourceWriter();
        GeneratedFile.WriteHeader(w, $"the MCP {what} of {type.Hierarchy.FullyQualifiedName.Replace("global::", "")}.",
            "#pragma warning disable CS0612, CS0618 // A tool or prompt may be [Obsolete]; it is still served.");
        GeneratedFile.OpenPartialType(w, type.Hierarchy, interfaceName);
        w.WriteLine($"/// <summary>The <c>{attribute}</c> methods of this class, compiled by McpForge.</summary>");
        w.WriteLine($"static {setType} {interfaceName}.{property} => {nestedClass}.Set;");
        w.WriteLine();
        w.WriteLine(GeneratedFile.GeneratedCodeAttribute);
        w.WriteLine(GeneratedFile.EditorBrowsableNever);
        w.OpenBlock($"private static class {nestedClass}");
        emitMembers(w);
        w.CloseBlock();
        GeneratedFile.ClosePartialType(w, type.Hierarchy);
        return w.ToString();
    }

    /// <summary><c>Lookup</c>: a name (UTF-8) to its index in the table, by a switch on the length and then the bytes.</summary>
    public static void EmitLookup(SourceWriter w, IReadOnlyList<string> names)
    {
        w.WriteLine("/// <summary>Name (UTF-8) to its index in <see cref=\"Set\"/>: a switch on length, then bytes. Allocates nothing.</summary>");
        w.OpenBlock("private static int Lookup(global::System.ReadOnlySpan<byte> name)");
        w.WriteLine("return name.Length switch");
        w.WriteLine("{");
        w.Indent();
        var ordered = names.Select((name, index) => (name, index))
            .OrderBy(t => System.Text.Encoding.UTF8.GetByteCount(t.name))
            .ThenBy(t => t.name, StringComparer.Ordinal);
        foreach (var (name, index) in ordered)
        {
            var length = System.Text.Encoding.UTF8.GetByteCount(name);
            w.WriteLine($"{length} when global::System.MemoryExtensions.SequenceEqual(name, {CSharpLiteral.Utf8(name)}) => {index},");
        }
        w.WriteLine("_ => -1,");
        w.Unindent();
        w.WriteLine("};");
        w.CloseBlock();
    }

    /// <summary>The expression a generated call passes for <paramref name="parameter"/>: the call's token, context or services, or the bound argument.</summary>
    public static string ArgumentExpression(ParameterSpec parameter) => parameter.Kind switch
    {
        ParameterKind.CancellationToken => "__call.CancellationToken",
        ParameterKind.Context => "__call.Context",
        ParameterKind.ServiceProvider => "__call.Services",
        ParameterKind.Service => $"{ServiceResolver}.GetRequired<{parameter.TypeName}>(__call.Services)",
        _ => parameter.Name,
    };

    /// <summary>
    /// Calls a member and writes its result: on the class for static members, otherwise on a new instance
    /// (<c>Create</c>) that is disposed afterwards when the class is disposable. <paramref name="member"/> is the
    /// call after the target, such as <c>Method(a, b)</c>.
    /// </summary>
    public static void EmitCallAndWrite(SourceWriter w, ComponentTypeSpec type, bool isStatic, bool isAsync, string services, string member, string write,
        bool disposeAsync = false)
    {
        string Invocation(string target) => isAsync ? $"await {target}.{member}.ConfigureAwait(false)" : $"{target}.{member}";
        if (isStatic)
        {
            w.WriteLine($"var __result = {Invocation(type.Hierarchy.FullyQualifiedName)};");
            w.WriteLine(write);
            return;
        }
        w.WriteLine($"var __instance = Create({services});");
        if (!type.IsDisposable && !type.IsAsyncDisposable)
        {
            w.WriteLine($"var __result = {Invocation("__instance")};");
            w.WriteLine(write);
            return;
        }
        w.OpenBlock("try");
        w.WriteLine($"var __result = {Invocation("__instance")};");
        w.WriteLine(write);
        w.CloseBlock();
        w.OpenBlock("finally");
        w.WriteLine(type.IsAsyncDisposable && (isAsync || disposeAsync)
            ? "await ((global::System.IAsyncDisposable)__instance).DisposeAsync().ConfigureAwait(false);"
            : "((global::System.IDisposable)__instance).Dispose();");
        w.CloseBlock();
    }

    /// <summary>The <c>icons</c> of a list entry (MCP 2025-11-25, <c>Icon</c>), when the component has any.</summary>
    public static void WriteIcons(JsonText json, EquatableArray<IconSpec> icons)
    {
        if (icons.Count == 0) return;
        json.Property("icons").StartArray();
        foreach (var icon in icons)
        {
            json.StartObject().Property("src").String(icon.Src);
            if (icon.MimeType is not null) json.Property("mimeType").String(icon.MimeType);
            if (icon.Sizes.Count > 0)
            {
                json.Property("sizes").StartArray();
                foreach (var size in icon.Sizes) json.String(size);
                json.EndArray();
            }
            if (icon.Theme is not null) json.Property("theme").String(icon.Theme);
            json.EndObject();
        }
        json.EndArray();
    }

    /// <summary>
    /// The fixed values of enum arguments, as a dictionary expression for the component's constructor (what
    /// <c>completion/complete</c> suggests for them), or null when none of <paramref name="arguments"/> is an enum.
    /// </summary>
    public static string? EnumValues(IEnumerable<ParameterSpec> arguments)
    {
        var enums = arguments.Where(a => a.Kind == ParameterKind.Argument && a.Value?.Kind == ValueKind.Enum).ToList();
        if (enums.Count == 0) return null;
        var entries = enums.Select(a => $"[\"{a.JsonName}\"] = new[] {{ {string.Join(", ", a.Value!.EnumValues.Select(m => CSharpLiteral.String(m.JsonName)))} }}");
        return $"new global::System.Collections.Generic.Dictionary<string, string[]> {{ {string.Join(", ", entries)} }}";
    }

    /// <summary><c>Create</c>: a new instance per call, its constructor's parameters resolved from the server's services.</summary>
    public static void EmitFactory(SourceWriter w, ComponentTypeSpec type)
    {
        w.WriteLine("/// <summary>A new instance per call; constructor parameters come from the server's services.</summary>");
        var arguments = string.Join(", ", type.ConstructorServiceTypes.Select(t =>
            t == "global::System.IServiceProvider" ? "services" : $"{ServiceResolver}.GetRequired<{t}>(services)"));
        w.WriteLine($"private static {type.Hierarchy.FullyQualifiedName} Create(global::System.IServiceProvider services) => new({arguments});");
    }

    public static string EnumParserName(ValueSpec value) => "Parse_" + value.TypeName.Replace("global::", "").Replace(".", "_");

    /// <summary>
    /// A parser from a member name to an enum value, for arguments that arrive as strings (prompt arguments,
    /// template variables); <paramref name="invalid"/> records a name that is not a member.
    /// </summary>
    public static void EmitEnumParser(SourceWriter w, ValueSpec spec, string callType, string invalid)
    {
        w.WriteLine($"/// <summary>Parses <c>{spec.TypeName.Replace("global::", "")}</c> from its member name.</summary>");
        w.OpenBlock($"private static bool {EnumParserName(spec)}({callType} __call, string __path, string __text, out {spec.TypeName} __value)");
        w.OpenBlock("switch (__text)");
        foreach (var member in spec.EnumMembers)
        {
            w.WriteLine($"case {CSharpLiteral.String(member)}:");
            w.Indent();
            w.WriteLine($"__value = {spec.TypeName}.{member};");
            w.WriteLine("return true;");
            w.Unindent();
        }
        w.WriteLine("default:");
        w.Indent();
        w.WriteLine($"return {invalid}(__call, __path, __text, {CSharpLiteral.String(string.Join(", ", spec.EnumMembers))}, out __value);");
        w.Unindent();
        w.CloseBlock();
        w.CloseBlock();
    }
}
