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
    private const string PromptArguments = "global::McpForge.Prompts.PromptArguments";
    private const string PromptResults = "global::McpForge.Prompts.PromptResults";
    private const string ByteSpan = "global::System.ReadOnlySpan<byte>";
    private const string JsonTokenType = "global::System.Text.Json.JsonTokenType";
    private const string NestedClass = "__McpForgePrompts";

    public static string Emit(ComponentTypeSpec type) =>
        ComponentTableEmitter.EmitFile(type, "prompt table", "[McpPrompt]", "global::McpForge.Prompts.IMcpPromptType",
            "global::McpForge.Prompts.McpPromptSet", "McpPrompts", NestedClass, w => EmitMembers(w, type));

    private static void EmitMembers(SourceWriter w, ComponentTypeSpec type)
    {
        w.WriteLine("/// <summary>Each prompt: its name, its prompts/list entry (precomputed JSON) and its invoker.</summary>");
        w.WriteLine("public static readonly global::McpForge.Prompts.McpPromptSet Set = new(");
        w.Indent();
        w.OpenBlock("new global::McpForge.Prompts.McpPrompt[]");
        var prompts = type.Prompts;
        var stems = MemberNames.Stems(prompts.Select(p => (p.MethodName, p.PromptName)).ToList());
        for (var i = 0; i < prompts.Count; i++)
        {
            var prompt = prompts[i];
            var values = ComponentTableEmitter.EnumValues(prompt.Parameters) is { } v ? ", " + v : "";
            w.WriteLine($"new({CSharpLiteral.String(prompt.PromptName)}, \"\"\"{Descriptor(prompt)}\"\"\"u8, Invoke_{stems[i]}{values}){AuthorizationSpec.ObjectInitializer(prompt.Authorization?.Initializer())},");
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
            EmitInvoker(w, type, prompts[i], stems[i]);
            w.WriteLine();
            EmitBinder(w, prompts[i], stems[i], enums);
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

    private static void EmitInvoker(SourceWriter w, ComponentTypeSpec type, PromptSpec prompt, string stem)
    {
        var arguments = Arguments(prompt).ToList();
        w.WriteLine($"// {prompt.PromptName}: {prompt.MethodName}({string.Join(", ", arguments.Select(a => a.Name))})");
        w.OpenBlock($"private static {ValueTask} Invoke_{stem}({PromptCall} __call, {ByteSpan} __arguments)");
        w.OpenBlock($"if (!Bind_{stem}(__call, __arguments{string.Concat(arguments.Select(a => ", out var " + a.Name))}))");
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

    private static void EmitBinder(SourceWriter w, PromptSpec prompt, string stem, Dictionary<string, ValueSpec> enums)
    {
        var arguments = Arguments(prompt).ToList();
        w.WriteLine($"/// <summary>Reads the string arguments of '{prompt.PromptName}' and converts them; records every problem on the call.</summary>");
        w.OpenBlock($"private static bool Bind_{stem}({PromptCall} __call, {ByteSpan} __arguments{string.Concat(arguments.Select(a => $", out {a.TypeName} {a.Name}"))})");
        foreach (var a in arguments) w.WriteLine($"{a.Name} = {a.DefaultExpression ?? "default!"};");
        foreach (var a in arguments.Where(a => !a.IsOptional)) w.WriteLine($"var __seen_{a.JsonName} = false;");
        w.WriteLine($"var __reader = {PromptArguments}.Begin(__arguments);");
        w.OpenBlock($"while ({PromptArguments}.NextArgument(ref __reader))");
        var first = true;
        foreach (var a in arguments)
        {
            w.OpenBlock($"{(first ? "" : "else ")}if (__reader.ValueTextEquals(\"{a.JsonName}\"u8))");
            first = false;
            if (!a.IsOptional) w.WriteLine($"__seen_{a.JsonName} = true;");
            w.WriteLine("__reader.Read();");
            var path = $"\"/{a.JsonName}\"";
            w.OpenBlock($"if (__reader.TokenType == {JsonTokenType}.Null)");
            w.WriteLine(a.IsOptional ? "// null means \"not given\": the default stays." : $"{PromptArguments}.Missing(__call, {path});");
            w.CloseBlock();
            var value = a.Value!;
            if (value.Kind == ValueKind.String)
            {
                w.OpenBlock($"else if ({PromptArguments}.TryReadString(ref __reader, __call, {path}, out var __value))");
            }
            else if (value.Kind == ValueKind.Enum)
            {
                enums[value.TypeName] = value;
                w.OpenBlock($"else if ({PromptArguments}.TryReadString(ref __reader, __call, {path}, out var __text) && {ComponentTableEmitter.EnumParserName(value)}(__call, {path}, __text, out var __value))");
            }
            else
            {
                w.OpenBlock($"else if ({PromptArguments}.TryParse<{value.TypeName}>(ref __reader, __call, {path}, out var __value))");
            }
            w.WriteLine($"{a.Name} = __value;");
            w.CloseBlock();
            w.CloseBlock();
        }
        if (first)
        {
            w.WriteLine($"{PromptArguments}.UnknownArgument(ref __reader, __call, \"\");");
        }
        else
        {
            w.OpenBlock("else");
            w.WriteLine($"{PromptArguments}.UnknownArgument(ref __reader, __call, \"{string.Join(", ", arguments.Select(a => a.JsonName))}\");");
            w.CloseBlock();
        }
        w.CloseBlock();
        foreach (var a in arguments.Where(a => !a.IsOptional))
        {
            w.OpenBlock($"if (!__seen_{a.JsonName})");
            w.WriteLine($"{PromptArguments}.Missing(__call, \"/{a.JsonName}\");");
            w.CloseBlock();
        }
        w.WriteLine("return !__call.HasArgumentErrors;");
        w.CloseBlock();
    }

    /// <summary>The prompt's <c>prompts/list</c> entry, as compact JSON.</summary>
    internal static string Descriptor(PromptSpec prompt)
    {
        var json = new JsonText().StartObject();
        json.Property("name").String(prompt.PromptName);
        if (prompt.Title is not null) json.Property("title").String(prompt.Title);
        if (prompt.Description is not null) json.Property("description").String(prompt.Description);
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
