using System.Collections.Generic;
using System.Linq;
using McpForge.Generators.Model;

namespace McpForge.Generators.Emitting;

/// <summary>
/// Turns the tools of a <see cref="ComponentTypeSpec"/> into C#: an <c>IMcpToolType</c> implementation with each tool's
/// precomputed <c>tools/list</c> entry, a name lookup, and an invoker and argument binder per tool. Sees only specs,
/// never symbols, so it is testable from hand-built models.
/// </summary>
internal static class ToolEmitter
{
    private const string ValueTask = "global::System.Threading.Tasks.ValueTask";
    private const string ToolCall = "global::McpForge.Tools.McpToolCall";
    private const string ToolArguments = "global::McpForge.Tools.ToolArguments";
    private const string ToolResults = "global::McpForge.Tools.ToolResults";
    private const string ByteSpan = "global::System.ReadOnlySpan<byte>";
    private const string NestedClass = "__McpForgeTools";

    public static string Emit(ComponentTypeSpec type) =>
        ComponentTableEmitter.EmitFile(type, "tool table", "[McpTool]", "global::McpForge.Tools.IMcpToolType", "global::McpForge.Tools.McpToolSet",
            "McpTools", NestedClass, w => EmitMembers(w, type));

    private static void EmitMembers(SourceWriter w, ComponentTypeSpec type)
    {
        var tools = type.Tools;
        var stems = MemberNames.Stems(tools.Select(t => (t.MethodName, t.ToolName)).ToList());
        w.WriteLine("/// <summary>Each tool: its name, its tools/list entry (precomputed JSON) and its invoker.</summary>");
        w.WriteLine("public static readonly global::McpForge.Tools.McpToolSet Set = new(");
        w.Indent();
        w.OpenBlock("new global::McpForge.Tools.McpTool[]");
        for (var i = 0; i < tools.Count; i++)
        {
            var tool = tools[i];
            var initializer = AuthorizationSpec.ObjectInitializer(
                tool.TimeoutMs is int ms ? $"Timeout = global::System.TimeSpan.FromMilliseconds({ms})" : null,
                tool.Authorization?.Initializer());
            var strict = ToolDescriptor.Write(tool);
            var friendly = ToolDescriptor.Write(tool, llmFriendly: true);
            // A second entry only where the LLM-friendly style (McpServerOptions.SchemaStyle) changes the input schema.
            var alternative = friendly == strict ? "" : $" \"\"\"{friendly}\"\"\"u8,";
            w.WriteLine($"new(\"{tool.ToolName}\", \"\"\"{strict}\"\"\"u8,{alternative} Invoke_{stems[i]}){initializer},");
        }
        w.CloseBlock(",");
        w.WriteLine("Lookup);");
        w.Unindent();
        w.WriteLine();

        ComponentTableEmitter.EmitLookup(w, tools.Select(t => t.ToolName).ToList());

        for (var i = 0; i < tools.Count; i++)
        {
            w.WriteLine();
            EmitInvoker(w, type, tools[i], stems[i]);
            w.WriteLine();
            EmitBinder(w, tools[i], stems[i]);
        }

        if (type.Tools.Any(t => !t.IsStatic))
        {
            w.WriteLine();
            ComponentTableEmitter.EmitFactory(w, type);
        }

        // [RegularExpression] patterns, compiled once; the interpreter keeps them NativeAOT-safe.
        for (var i = 0; i < tools.Count; i++)
        {
            foreach (var parameter in Arguments(tools[i]).Where(a => a.Constraints?.Pattern is not null))
            {
                w.WriteLine();
                ValueCode.PatternField(w, PatternField(stems[i], parameter), parameter.Constraints!.Pattern!);
            }
        }
    }

    private static IEnumerable<ParameterSpec> Arguments(ToolSpec tool) => tool.Parameters.Where(p => p.Kind == ParameterKind.Argument);

    private static void EmitInvoker(SourceWriter w, ComponentTypeSpec type, ToolSpec tool, string stem)
    {
        var arguments = Arguments(tool).ToList();
        var signature = string.Join(", ", tool.Parameters.Select(p => p.Name + ": " + p.TypeName.Replace("global::", "")));
        w.WriteLine($"// {tool.ToolName}: {tool.MethodName}({signature})");
        // Generated locals and parameters start with "__" so that no tool parameter name can collide with them.
        w.OpenBlock($"private static {ValueTask} Invoke_{stem}({ToolCall} __call, {ByteSpan} __arguments)");
        var outs = string.Concat(arguments.Select(a => ", out var " + a.Name));
        w.OpenBlock($"if (!Bind_{stem}(__call, __arguments{outs}))");
        w.WriteLine("return default;");
        w.CloseBlock();

        var needsAsync = tool.Return.IsAsync || type.IsAsyncDisposable && !tool.IsStatic;
        if (!needsAsync)
        {
            EmitCallAndWrite(w, type, tool, awaitable: false);
            w.WriteLine("return default;");
            w.CloseBlock();
            return;
        }

        var runArgs = string.Concat(arguments.Select(a => ", " + a.Name));
        w.WriteLine($"return Run(__call{runArgs});");
        w.WriteLine();
        var runParams = string.Concat(arguments.Select(a => $", {a.TypeName} {a.Name}"));
        w.OpenBlock($"static async {ValueTask} Run({ToolCall} __call{runParams})");
        EmitCallAndWrite(w, type, tool, awaitable: true);
        w.CloseBlock();
        w.CloseBlock();
    }

    private static void EmitCallAndWrite(SourceWriter w, ComponentTypeSpec type, ToolSpec tool, bool awaitable)
    {
        var callArguments = string.Join(", ", tool.Parameters.Select(ComponentTableEmitter.ArgumentExpression));
        var target = tool.IsStatic ? type.Hierarchy.FullyQualifiedName : "__instance";
        var invocation = $"{target}.{tool.MethodName}({callArguments})";
        if (tool.Return.IsAsync)
        {
            invocation = $"await {invocation}.ConfigureAwait(false)";
        }
        var hasResult = tool.Return.Kind != ReturnKind.Void;
        var statement = hasResult ? $"var __result = {invocation};" : invocation + ";";
        if (tool.Return.Kind == ReturnKind.Structured && !tool.Return.Value!.IsValueType)
        {
            // An output schema promises an object: a null the compiler let through is the tool's failure, not an empty result.
            statement += $" if (__result is null) throw new global::System.InvalidOperationException(\"Tool '{tool.ToolName}' returned null, but its result type is not nullable; declare it nullable to send null.\");";
        }

        if (tool.IsStatic)
        {
            w.WriteLine(statement);
            w.WriteLine(WriteResult(tool.Return));
            return;
        }

        w.WriteLine("var __instance = Create(__call.Services);");
        if (!type.IsAsyncDisposable && !type.IsDisposable)
        {
            w.WriteLine(statement);
            w.WriteLine(WriteResult(tool.Return));
            return;
        }
        w.OpenBlock("try");
        w.WriteLine(statement);
        w.WriteLine(WriteResult(tool.Return));
        w.CloseBlock();
        w.OpenBlock("finally");
        w.WriteLine(type.IsAsyncDisposable && awaitable
            ? "await ((global::System.IAsyncDisposable)__instance).DisposeAsync().ConfigureAwait(false);"
            : "((global::System.IDisposable)__instance).Dispose();");
        w.CloseBlock();
    }

    private static string WriteResult(ReturnSpec returns)
    {
        const string writer = "__call.BeginResult()";
        var value = returns.IsNullableValue ? "__value" : "__result";
        var write = returns.Kind switch
        {
            ReturnKind.Void => $"{ToolResults}.WriteEmpty({writer});",
            ReturnKind.String => $"{ToolResults}.WriteText({writer}, {value});",
            ReturnKind.Boolean or ReturnKind.Char or ReturnKind.Uri => $"{ToolResults}.WriteText({writer}, {value});",
            ReturnKind.Enum => $"{ToolResults}.WriteText({writer}, {value}.ToString());",
            ReturnKind.Formatted => returns.Format is null
                ? $"{ToolResults}.WriteFormatted({writer}, {value});"
                : $"{ToolResults}.WriteFormatted({writer}, {value}, \"{returns.Format}\");",
            ReturnKind.Content or ReturnKind.ContentList => $"{ToolResults}.WriteContent({writer}, {value});",
            ReturnKind.Structured => $"{ToolResults}.WriteStructured({writer}, {value}, {SerializerEmitter.ClassName}.Write_{returns.Value!.Id});",
            ReturnKind.Json => $"{ToolResults}.WriteJson({writer}, {value}, {JsonWriterLambda(returns)});",
            _ => $"{ToolResults}.WriteResult({writer}, {value});",
        };
        return returns.IsNullableValue
            ? $"if (__result is {{ }} __value) {write} else {ToolResults}.WriteEmpty({writer});"
            : write;
    }

    /// <summary>A static lambda writing a JSON-only result (null included when the result is nullable).</summary>
    private static string JsonWriterLambda(ReturnSpec returns)
    {
        var w = new SourceWriter();
        ValueCode.Write(w, returns.Value!, returns.IsNullable, "w", "v", "value");
        return "static (w, v) => { " + w.ToString().Replace("\n", " ").Trim() + " }";
    }

    private static void EmitBinder(SourceWriter w, ToolSpec tool, string stem)
    {
        var arguments = Arguments(tool).ToList();
        var outs = string.Concat(arguments.Select(a => $", out {a.TypeName} {a.Name}"));
        w.WriteLine($"/// <summary>Reads the arguments of '{tool.ToolName}' from the request's UTF-8 JSON; records every problem on the call.</summary>");
        w.OpenBlock($"private static bool Bind_{stem}({ToolCall} __call, {ByteSpan} __arguments{outs})");
        foreach (var a in arguments)
        {
            w.WriteLine($"{a.Name} = {a.DefaultExpression ?? "default!"};");
            w.WriteLine($"var {Seen(a)} = false;");
            // A constrained argument is checked once it read well, whatever went wrong elsewhere.
            if (a.Constraints is not null) w.WriteLine($"var {Valid(a)} = false;");
        }
        w.WriteLine($"var __reader = {ToolArguments}.Begin(__arguments);");
        w.OpenBlock($"while ({ToolArguments}.NextArgument(ref __reader))");
        var first = true;
        foreach (var a in arguments)
        {
            var name = CSharpLiteral.String(a.JsonName);
            w.OpenBlock($"{(first ? "" : "else ")}if (__reader.ValueTextEquals({CSharpLiteral.Utf8(a.JsonName)}))");
            first = false;
            w.OpenBlock($"if ({Seen(a)})");
            w.WriteLine($"{ToolArguments}.Duplicate(ref __reader, __call, {name});");
            w.WriteLine("continue;");
            w.CloseBlock();
            w.WriteLine($"{Seen(a)} = true;");
            w.WriteLine("__reader.Read();");
            w.WriteLine($"__call.Enter({name});");
            if (a.Constraints is not null) w.WriteLine($"var __errors_{Identifier(a)} = __call.ErrorCount;");
            ValueCode.ReadSlot(w, a.Value!, a.IsNullable, a.IsOptional, a.Name, Seen(a), "__reader", "__call");
            if (a.Constraints is not null) w.WriteLine($"{Valid(a)} = __call.ErrorCount == __errors_{Identifier(a)};");
            w.WriteLine("__call.Exit();");
            w.CloseBlock();
        }
        var accepted = string.Join(", ", arguments.Select(a => a.JsonName));
        if (first)
        {
            w.WriteLine($"{ToolArguments}.UnknownArgument(ref __reader, __call, \"\");");
        }
        else
        {
            w.OpenBlock("else");
            w.WriteLine($"{ToolArguments}.UnknownArgument(ref __reader, __call, {CSharpLiteral.String(accepted)});");
            w.CloseBlock();
        }
        w.CloseBlock();
        foreach (var a in arguments.Where(a => !a.IsOptional))
        {
            var missing = $"{ToolArguments}.Missing(__call, {CSharpLiteral.String(a.JsonName)});";
            // Under the LLM-friendly schema style a nullable argument is optional, and leaving it out means null.
            w.WriteLine(a.IsNullable
                ? $"if (!{Seen(a)} && !__call.AbsentNullableIsNull) {missing}"
                : $"if (!{Seen(a)}) {missing}");
        }
        var constrained = arguments.Where(a => a.Constraints is not null).ToList();
        if (constrained.Count > 0)
        {
            w.WriteLine("// DataAnnotations of the arguments given that read well.");
            foreach (var a in constrained)
            {
                w.OpenBlock($"if ({Seen(a)} && {Valid(a)})");
                ValueCode.Checks(w, a.Constraints!, a.Value!, a.IsNullable, "__call", a.JsonName, a.Name, PatternField(stem, a));
                w.CloseBlock();
            }
        }
        w.WriteLine("return !__call.HasArgumentErrors;");
        w.CloseBlock();
    }

    private static string Seen(ParameterSpec parameter) => "__seen_" + Identifier(parameter);

    private static string Valid(ParameterSpec parameter) => "__valid_" + Identifier(parameter);

    private static string Identifier(ParameterSpec parameter) => parameter.Name.TrimStart('@');

    private static string PatternField(string stem, ParameterSpec parameter) => $"s_pattern_{stem}_{Identifier(parameter)}";
}
