using System.Collections.Generic;
using System.Linq;
using McpForge.Generators.Helpers;
using McpForge.Generators.Model;

namespace McpForge.Generators.Emitting;

/// <summary>Turns the prompts of a <see cref="ComponentTypeSpec"/> into C#: an <c>IMcpPromptType</c> implementation.</summary>
internal static class PromptEmitter
{
    private const string ValueTask = "global::System.Threading.Tasks.ValueTask";
    private const string PromptCall = "global::McpForge.Prompts.McpPromptCall";
    private const string PromptArguments = "global::McpForge.Generated.PromptArguments";
    private const string PromptResults = "global::McpForge.Generated.PromptResults";
    private const string ByteSpan = "global::System.ReadOnlySpan<byte>";
    private const string JsonTokenType = "global::System.Text.Json.JsonTokenType";
    private const string NestedClass = "__McpForgePrompts";

    public static string Emit(ComponentTypeSpec type) =>
        ComponentTableEmitter.EmitFile(type, "prompt table", "[McpPrompt]", "global::McpForge.Generated.IMcpPromptType",
            "global::McpForge.Generated.McpPromptSet", "McpPrompts", NestedClass, w => EmitMembers(w, type));

    private static void EmitMembers(SourceWriter w, ComponentTypeSpec type)
    {
        w.WriteLine("/// <summary>Each prompt: its name, its prompts/list entry (precomputed JSON) and its invoker.</summary>");
        w.WriteLine("public static readonly global::McpForge.Generated.McpPromptSet Set = new(");
        w.Indent();
        w.OpenBlock("new global::McpForge.Prompts.McpPrompt[]");
        var prompts = type.Prompts;
        var stems = MemberNames.Stems(prompts.Select(p => (p.MethodName, p.PromptName)).ToList());
        for (var i = 0; i < prompts.Count; i++)
        {
            var prompt = prompts[i];
            var values = ComponentTableEmitter.EnumValues(prompt.Parameters) is { } v ? ", " + v : "";
            w.WriteLine($"new({CSharpLiteral.String(prompt.PromptName)}, \"\"\"{Descriptor(prompt)}\"\"\"u8, Invoke_{stems[i]}{values}){AuthorizationSpec.ObjectInitializer(prompt.CacheHints?.Initializer(), prompt.Authorization?.Initializer())},");
        }
        w.CloseBlock(",");
        w.WriteLine("Lookup);");
        w.Unindent();
        w.WriteLine();
        ComponentTableEmitter.EmitLookup(w, type.Prompts.Select(p => p.PromptName).ToList());

        var enums = new Dictionary<string, ValueSpec>();
        for (var i = 0; i < prompts.Count; i++)
        {
            w.WriteLine();
            EmitInvoker(w, type, prompts[i], stems[i], enums);
        }
        if (type.Prompts.Any(p => !p.IsStatic))
        {
            w.WriteLine();
            ComponentTableEmitter.EmitFactory(w, type);
        }
        foreach (var spec in enums.Values.OrderBy(e => e.TypeName, System.StringComparer.Ordinal))
        {
            w.WriteLine();
            ComponentTableEmitter.EmitEnumParser(w, spec, PromptCall, $"{PromptArguments}.InvalidEnum");
        }
    }

    private static IEnumerable<ParameterSpec> Arguments(PromptSpec prompt) => prompt.Parameters.Where(p => p.Kind == ParameterKind.Argument);

    /// <summary>
    /// <c>Invoke_{stem}</c>: binds the string arguments and converts them (every problem recorded on the call), and when
    /// they are all good, calls the method and writes its messages.
    /// </summary>
    private static void EmitInvoker(SourceWriter w, ComponentTypeSpec type, PromptSpec prompt, string stem, Dictionary<string, ValueSpec> enums)
    {
        var arguments = Arguments(prompt).ToList();
        w.WriteLine($"// {prompt.PromptName}: {prompt.MethodName}({string.Join(", ", arguments.Select(a => a.Name))})");
        w.OpenBlock($"private static {ValueTask} Invoke_{stem}({PromptCall} __call, {ByteSpan} __arguments)");
        w.WriteLine($"var __reader = {PromptArguments}.Begin(__arguments);");
        var loop = new BinderEmitter.Loop("__reader", "__call", $"{PromptArguments}.NextArgument(ref __reader)",
            $"{PromptArguments}.UnknownArgument(ref __reader, __call, {CSharpLiteral.String(string.Join(", ", arguments.Select(a => a.JsonName)))});");
        BinderEmitter.Emit(w, loop, arguments.Select(a => Slot(a, enums)).ToList());
        w.OpenBlock("if (__call.HasArgumentErrors)");
        w.WriteLine("return default;");
        w.CloseBlock();

        var callArguments = string.Join(", ", prompt.Parameters.Select(ComponentTableEmitter.ArgumentExpression));
        var write = prompt.Return switch
        {
            PromptReturnKind.String => $"{PromptResults}.WriteText(__call.BeginResult(), __result);",
            PromptReturnKind.Message => $"{PromptResults}.WriteMessage(__call.BeginResult(), __result);",
            PromptReturnKind.Messages => $"{PromptResults}.WriteMessages(__call.BeginResult(), __result);",
            _ => $"{PromptResults}.WriteResult(__call.BeginResult(), __result);",
        };
        var member = $"{prompt.MethodName}({callArguments})";
        // An instance that can only be disposed asynchronously needs the async path even for a sync method.
        if (!prompt.IsAsync && (prompt.IsStatic || !type.IsAsyncDisposable))
        {
            ComponentTableEmitter.EmitCallAndWrite(w, type, prompt.IsStatic, isAsync: false, "__call.Services", member, write);
            w.WriteLine("return default;");
            w.CloseBlock();
            return;
        }
        w.WriteLine($"return Run(__call{string.Concat(arguments.Select(a => ", " + a.Name))});");
        w.WriteLine();
        w.OpenBlock($"static async {ValueTask} Run({PromptCall} __call{string.Concat(arguments.Select(a => $", {a.TypeName} {a.Name}"))})");
        ComponentTableEmitter.EmitCallAndWrite(w, type, prompt.IsStatic, prompt.IsAsync, "__call.Services", member, write);
        w.CloseBlock();
        w.CloseBlock();
    }

    /// <summary>
    /// A prompt argument's slot: its string, converted to the parameter's type. A null or absent optional argument keeps
    /// its default; a required one is missing.
    /// </summary>
    private static BinderEmitter.Slot Slot(ParameterSpec a, Dictionary<string, ValueSpec> enums)
    {
        var value = a.Value!;
        var path = CSharpLiteral.String("/" + a.JsonName);
        var given = a.IsOptional ? null : "__seen_" + a.Name.TrimStart('@');
        var convert = value.Kind switch
        {
            ValueKind.String => $"{PromptArguments}.TryReadString(ref __reader, __call, {path}, out var __value)",
            ValueKind.Enum => $"{PromptArguments}.TryReadString(ref __reader, __call, {path}, out var __text) && {ComponentTableEmitter.EnumParserName(value)}(__call, {path}, __text, out var __value)",
            _ => $"{PromptArguments}.TryParse<{value.TypeName}>(ref __reader, __call, {path}, out var __value)",
        };
        if (value.Kind == ValueKind.Enum) enums[value.TypeName] = value;
        var read = new SourceWriter();
        if (given is not null) read.WriteLine($"{given} = true;");
        read.WriteLine("__reader.Read();");
        if (given is not null)
        {
            read.OpenBlock($"if (__reader.TokenType == {JsonTokenType}.Null)");
            read.WriteLine($"{PromptArguments}.Missing(__call, {path});");
            read.CloseBlock();
            read.OpenBlock($"else if ({convert})");
        }
        else
        {
            read.WriteLine("// null for an optional argument means \"not given\": its default stays.");
            read.OpenBlock($"if (__reader.TokenType != {JsonTokenType}.Null && {convert})");
        }
        read.WriteLine($"{a.Name} = __value;");
        read.CloseBlock();
        return new BinderEmitter.Slot(a.JsonName, a.Name, $"{a.TypeName} {a.Name} = {a.DefaultExpression ?? BinderEmitter.DefaultOf(value, a.IsNullable)};",
            given, read.ToString().TrimEnd('\n'), given is null ? null : $"{PromptArguments}.Missing(__call, {path});", MissingUnlessNullable: false);
    }

    /// <summary>The prompt's <c>prompts/list</c> entry, as compact JSON.</summary>
    internal static string Descriptor(PromptSpec prompt)
    {
        var json = new JsonText().StartObject();
        json.Property("name").String(prompt.PromptName);
        if (prompt.Title is not null) json.Property("title").String(prompt.Title);
        if (prompt.Description is not null) json.Property("description").String(prompt.Description);
        ComponentTableEmitter.WriteIcons(json, prompt.Icons);
        var arguments = Arguments(prompt).ToList();
        if (arguments.Count > 0)
        {
            json.Property("arguments").StartArray();
            foreach (var a in arguments)
            {
                json.StartObject().Property("name").String(a.JsonName);
                if (a.Description is not null) json.Property("description").String(a.Description);
                json.Property("required").Bool(!a.IsOptional);
                json.EndObject();
            }
            json.EndArray();
        }
        return json.EndObject().ToString();
    }
}
