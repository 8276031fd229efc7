using System.Collections.Generic;
using System.Linq;
using McpForge.Generators.Helpers;
using McpForge.Generators.Model;

namespace McpForge.Generators.Emitting;

/// <summary>Turns the resources of a <see cref="ComponentTypeSpec"/> into C#: an <c>IMcpResourceType</c> implementation.</summary>
internal static class ResourceEmitter
{
    private const string ValueTask = "global::System.Threading.Tasks.ValueTask";
    private const string ResourceCall = "global::McpForge.Resources.McpResourceCall";
    private const string ResourceArguments = "global::McpForge.Generated.ResourceArguments";
    private const string ResourceResults = "global::McpForge.Generated.ResourceResults";
    private const string Variables = "global::System.ReadOnlySpan<string?>";
    private const string NestedClass = "__McpForgeResources";

    public static string Emit(ComponentTypeSpec type) =>
        ComponentTableEmitter.EmitFile(type, "resource table", "[McpResource]", "global::McpForge.Generated.IMcpResourceType",
            "global::McpForge.Generated.McpResourceSet", "McpResources", NestedClass, w => EmitMembers(w, type));

    private static string Literal(string text) => CSharpLiteral.String(text);

    private static void EmitMembers(SourceWriter w, ComponentTypeSpec type)
    {
        w.WriteLine("/// <summary>Fixed resources by URI, and templates already split into literal text and variables.</summary>");
        w.WriteLine("public static readonly global::McpForge.Generated.McpResourceSet Set = new(");
        w.Indent();
        w.OpenBlock("new global::McpForge.Resources.McpResource[]");
        var resources = type.Resources;
        var stems = MemberNames.Stems(resources.Select(r => (r.MethodName, r.Uri)).ToList());
        for (var i = 0; i < resources.Count; i++)
        {
            var resource = resources[i];
            if (resource.IsTemplate) continue;
            w.WriteLine($"new({CSharpLiteral.String(resource.Uri)}, \"\"\"{Descriptor(resource)}\"\"\"u8, Read_{stems[i]}){AuthorizationSpec.ObjectInitializer(resource.CacheHints?.Initializer(), resource.Authorization?.Initializer())},");
        }
        w.CloseBlock(",");
        w.OpenBlock("new global::McpForge.Resources.McpResourceTemplate[]");
        for (var i = 0; i < resources.Count; i++)
        {
            var resource = resources[i];
            if (!resource.IsTemplate) continue;
            var literals = string.Join(", ", resource.Literals.Select(CSharpLiteral.String));
            var expressions = string.Join(", ", resource.Expressions.Select(e =>
                $"new({CSharpLiteral.Char(e.Operator)}, {string.Join(", ", e.Names.Select(CSharpLiteral.String))})"));
            w.WriteLine($"// {resource.Uri}: variables {string.Join(", ", resource.Variables)}");
            w.WriteLine($"new({CSharpLiteral.String(resource.Uri)}, new global::McpForge.Generated.UriTemplateMatcher(new string[] {{ {literals} }},");
            w.WriteLine($"        new global::McpForge.Generated.UriTemplateExpression[] {{ {expressions} }}),");
            var values = ComponentTableEmitter.EnumValues(resource.Parameters) is { } v ? ", " + v : "";
            w.WriteLine($"    \"\"\"{Descriptor(resource)}\"\"\"u8, Read_{stems[i]}{values}){AuthorizationSpec.ObjectInitializer(resource.CacheHints?.Initializer(), resource.Authorization?.Initializer())},");
        }
        w.CloseBlock(");");
        w.Unindent();

        var enums = new Dictionary<string, ValueSpec>();
        for (var i = 0; i < resources.Count; i++)
        {
            w.WriteLine();
            EmitReader(w, type, resources[i], stems[i], enums);
        }
        if (type.Resources.Any(r => !r.IsStatic))
        {
            w.WriteLine();
            ComponentTableEmitter.EmitFactory(w, type);
        }
        foreach (var spec in enums.Values.OrderBy(e => e.TypeName, System.StringComparer.Ordinal))
        {
            w.WriteLine();
            ComponentTableEmitter.EmitEnumParser(w, spec, ResourceCall, $"{ResourceArguments}.InvalidEnum");
        }
    }

    private static void EmitReader(SourceWriter w, ComponentTypeSpec type, ResourceSpec resource, string stem, Dictionary<string, ValueSpec> enums)
    {
        var arguments = resource.Parameters.Where(p => p.Kind == ParameterKind.Argument).ToList();
        w.WriteLine($"// {resource.Uri}: {resource.MethodName}({string.Join(", ", arguments.Select(a => a.Name))})");
        w.OpenBlock($"private static {ValueTask} Read_{stem}({ResourceCall} __call, {Variables} __variables)");
        var optional = new HashSet<string>(resource.Expressions.Where(e => e.IsOptional).SelectMany(e => e.Names));
        foreach (var a in arguments)
        {
            var index = resource.Variables.ToList().IndexOf(a.JsonName);
            var value = a.Value!;
            var text = $"__variables[{index}]";
            if (optional.Contains(a.JsonName))
            {
                // Absent from the URI: the default, null, or an error for a parameter that has neither.
                w.WriteLine($"{a.TypeName} {a.Name} = {a.DefaultExpression ?? BinderEmitter.DefaultOf(value, a.IsNullable)};");
                w.OpenBlock($"if (__variables[{index}] is {{ }} __text_{Identifier(a)})");
                text = "__text_" + Identifier(a);
                EmitConvert(w, a, text, declare: false, enums);
                w.CloseBlock();
                if (a.DefaultExpression is null && !a.IsNullable)
                {
                    w.OpenBlock("else");
                    w.WriteLine($"{ResourceArguments}.Missing(__call, \"{a.JsonName}\");");
                    w.CloseBlock();
                }
                continue;
            }
            // A variable of a simple or reserved expression is always there when the URI matched.
            EmitConvert(w, a, text + "!", declare: true, enums);
        }
        if (arguments.Any(a => a.Value!.Kind != ValueKind.String || optional.Contains(a.JsonName)))
        {
            w.OpenBlock("if (__call.HasArgumentErrors)");
            w.WriteLine("return default;");
            w.CloseBlock();
        }
        var callArguments = string.Join(", ", resource.Parameters.Select(ComponentTableEmitter.ArgumentExpression));
        var mime = resource.MimeType is null ? "null" : CSharpLiteral.String(resource.MimeType);
        var write = resource.Return switch
        {
            ResourceReturnKind.Text => $"{ResourceResults}.WriteText(__call.BeginResult(), __call.Uri, {mime}, __result);",
            ResourceReturnKind.Blob => $"{ResourceResults}.WriteBlob(__call.BeginResult(), __call.Uri, {mime}, __result);",
            ResourceReturnKind.Stream => $"await {ResourceResults}.WriteStreamAsync(__call, {mime}, __result).ConfigureAwait(false);",
            ResourceReturnKind.File => $"await {ResourceResults}.WriteFileAsync(__call, {mime}, __result).ConfigureAwait(false);",
            _ => $"{ResourceResults}.WriteContents(__call.BeginResult(), __result);",
        };
        var member = $"{resource.MethodName}({callArguments})";
        // An instance that can only be disposed asynchronously, or a stream read, needs the async path even for a sync method.
        var readsAsync = resource.Return is ResourceReturnKind.Stream or ResourceReturnKind.File;
        if (!resource.IsAsync && !readsAsync && (resource.IsStatic || !type.IsAsyncDisposable))
        {
            ComponentTableEmitter.EmitCallAndWrite(w, type, resource.IsStatic, isAsync: false, "__call.Services", member, write);
            w.WriteLine("return default;");
            w.CloseBlock();
            return;
        }
        w.WriteLine($"return Run(__call{string.Concat(arguments.Select(a => ", " + a.Name))});");
        w.WriteLine();
        w.OpenBlock($"static async {ValueTask} Run({ResourceCall} __call{string.Concat(arguments.Select(a => $", {a.TypeName} {a.Name}"))})");
        ComponentTableEmitter.EmitCallAndWrite(w, type, resource.IsStatic, resource.IsAsync, "__call.Services", member, write, disposeAsync: true);
        w.CloseBlock();
        w.CloseBlock();
    }

    private static string Identifier(ParameterSpec parameter) => parameter.Name.TrimStart('@');

    /// <summary>Converts the variable's text to the parameter's type, declaring the local or assigning it.</summary>
    private static void EmitConvert(SourceWriter w, ParameterSpec a, string text, bool declare, Dictionary<string, ValueSpec> enums)
    {
        var value = a.Value!;
        var target = declare ? "var " + a.Name : a.Name;
        switch (value.Kind)
        {
            case ValueKind.String:
                w.WriteLine($"{target} = {text};");
                break;
            case ValueKind.Enum:
                enums[value.TypeName] = value;
                Convert(w, $"{ComponentTableEmitter.EnumParserName(value)}(__call, {CSharpLiteral.String(a.JsonName)}, {text}, out {{0}})", a, target, declare);
                break;
            default:
                Convert(w, $"{ResourceArguments}.TryParse<{value.TypeName}>(__call, {CSharpLiteral.String(a.JsonName)}, {text}, out {{0}})", a, target, declare);
                break;
        }
    }

    /// <summary>
    /// A parse call (<paramref name="call"/>, with <c>{0}</c> where its out argument goes) that declares the local, or
    /// assigns it only when the text parses, so that a parameter absent from the URI keeps its default.
    /// </summary>
    private static void Convert(SourceWriter w, string call, ParameterSpec a, string target, bool declare)
    {
        if (declare)
        {
            w.WriteLine(string.Format(System.Globalization.CultureInfo.InvariantCulture, call, target) + ";");
            return;
        }
        var parsed = "__parsed_" + Identifier(a);
        w.OpenBlock($"if ({string.Format(System.Globalization.CultureInfo.InvariantCulture, call, "var " + parsed)})");
        w.WriteLine($"{a.Name} = {parsed};");
        w.CloseBlock();
    }

    /// <summary>The <c>resources/list</c> or <c>resources/templates/list</c> entry, as compact JSON.</summary>
    internal static string Descriptor(ResourceSpec resource)
    {
        var json = new JsonText().StartObject();
        json.Property(resource.IsTemplate ? "uriTemplate" : "uri").String(resource.Uri);
        json.Property("name").String(resource.Name);
        if (resource.Title is not null) json.Property("title").String(resource.Title);
        if (resource.Description is not null) json.Property("description").String(resource.Description);
        if (resource.MimeType is not null) json.Property("mimeType").String(resource.MimeType);
        ComponentTableEmitter.WriteIcons(json, resource.Icons);
        return json.EndObject().ToString();
    }
}
