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
    private const string ToolArguments = "global::McpForge.Generated.ToolArguments";
    private const string ToolResults = "global::McpForge.Generated.ToolResults";
    private const string ByteSpan = "global::System.ReadOnlySpan<byte>";
    private const string NestedClass = "__McpForgeTools";

    public static string Emit(ComponentTypeSpec type) =>
        ComponentTableEmitter.EmitFile(type, "tool table", "[McpTool]", "global::McpForge.Generated.IMcpToolType", "global::McpForge.Generated.McpToolSet",
            "McpTools", NestedClass, w => EmitMembers(w, type));

    private static void EmitMembers(SourceWriter w, ComponentTypeSpec type)
    {
        var tools = type.Tools;
        var stems = MemberNames.Stems(tools.Select(t => (t.MethodName, t.ToolName)).ToList());
        w.WriteLine("/// <summary>Each tool: its name, its tools/list entry (precomputed JSON) and its invoker.</summary>");
        w.WriteLine("public static readonly global::McpForge.Generated.McpToolSet Set = new(");
        w.Indent();
        w.OpenBlock("new global::McpForge.Tools.McpTool[]");
        for (var i = 0; i < tools.Count; i++)
        {
            var tool = tools[i];
            var initializer = AuthorizationSpec.ObjectInitializer(
                tool.TimeoutMs is int ms ? $"Timeout = global::System.TimeSpan.FromMilliseconds({ms})" : null,
                ParamHeaders(tool),
                tool.CacheHints?.Initializer(),
                ToolDescriptor.ModernOutputSchema(tool) is { } modernOutput ? $"ModernOutputSchema = \"\"\"{modernOutput}\"\"\"" : null,
                tool.TaskSupport is { } support ? $"TaskSupport = global::McpForge.McpTaskSupport.{support}" : null,
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

    /// <summary>The <c>ParamHeaders</c> initializer of a tool with <c>[McpHeader]</c> arguments, which the HTTP transport checks; null when it has none.</summary>
    private static string? ParamHeaders(ToolSpec tool)
    {
        var headers = Arguments(tool).Where(a => a.HeaderName is not null)
            .Select(a => $"new global::McpForge.Tools.McpParamHeader({CSharpLiteral.String(a.HeaderName!)}, {CSharpLiteral.String(a.JsonName)})").ToList();
        return headers.Count == 0 ? null : "ParamHeaders = [" + string.Join(", ", headers) + "]";
    }

    private static IEnumerable<ParameterSpec> Arguments(ToolSpec tool) => tool.Parameters.Where(p => p.Kind == ParameterKind.Argument);

    /// <summary>
    /// <c>Invoke_{stem}</c>: binds the arguments (every problem recorded on the call, with its JSON Pointer), and when
    /// they are all good, calls the method and writes its result.
    /// </summary>
    private static void EmitInvoker(SourceWriter w, ComponentTypeSpec type, ToolSpec tool, string stem)
    {
        var arguments = Arguments(tool).ToList();
        var signature = string.Join(", ", tool.Parameters.Select(p => p.Name + ": " + ShortTypeName(p.TypeName)));
        w.WriteLine($"// {tool.ToolName}: {tool.MethodName}({signature})");
        // Generated locals and parameters start with "__" so that no tool parameter name can collide with them.
        w.OpenBlock($"private static {ValueTask} Invoke_{stem}({ToolCall} __call, {ByteSpan} __arguments)");
        var loop = new BinderEmitter.Loop("__reader", "__call", $"{ToolArguments}.NextArgument(ref __reader)",
            $"{ToolArguments}.UnknownArgument(ref __reader, __call, {CSharpLiteral.String(string.Join(", ", arguments.Select(a => a.JsonName)))});");
        var slots = arguments.Select(a => BinderEmitter.JsonSlot(SlotKind.Argument, a.JsonName, a.Name, "__seen_" + Identifier(a), "__valid_" + Identifier(a),
            a.TypeName, a.DefaultExpression, a.Value!, a.IsNullable, required: !a.IsOptional, $"{ToolArguments}.Missing(__call, {CSharpLiteral.String(a.JsonName)});",
            loop, a.Constraints, a.Constraints?.Pattern is null ? null : PatternField(stem, a))).ToList();
        w.WriteLine($"var __reader = {ToolArguments}.Begin(__arguments);");
        BinderEmitter.Emit(w, loop, slots);
        w.OpenBlock("if (__call.HasArgumentErrors)");
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
        var call = tool.Return.Kind != ReturnKind.Void ? $"var __result = {invocation};" : invocation + ";";
        if (tool.Return.Kind == ReturnKind.Structured && !tool.Return.Value!.IsValueType)
        {
            // An output schema promises an object: a null the compiler let through is the tool's failure, not an empty result.
            call += $$"""

                if (__result is null)
                {
                    throw new global::System.InvalidOperationException("Tool '{{tool.ToolName}}' returned null, but its result type is not nullable; declare it nullable to send null.");
                }
                """;
        }

        if (tool.IsStatic)
        {
            w.WriteLine(call);
            w.WriteLine(WriteResult(tool.Return));
            return;
        }

        w.WriteLine("var __instance = Create(__call.Services);");
        if (!type.IsAsyncDisposable && !type.IsDisposable)
        {
            w.WriteLine(call);
            w.WriteLine(WriteResult(tool.Return));
            return;
        }
        w.OpenBlock("try");
        w.WriteLine(call);
        w.WriteLine(WriteResult(tool.Return));
        w.CloseBlock();
        w.OpenBlock("finally");
        w.WriteLine(type.IsAsyncDisposable && awaitable
            ? "await ((global::System.IAsyncDisposable)__instance).DisposeAsync().ConfigureAwait(false);"
            : "((global::System.IDisposable)__instance).Dispose();");
        w.CloseBlock();
    }

    /// <summary>The statements that write the result <c>__result</c> as the call's result.</summary>
    private static string WriteResult(ReturnSpec returns)
    {
        const string writer = "__call.BeginResult()";
        var value = returns.IsNullableValue ? "__value" : "__result";
        var write = returns.Kind switch
        {
            ReturnKind.Void => $"{ToolResults}.WriteEmpty({writer});",
            ReturnKind.String => $"{ToolResults}.WriteText({writer}, {value});",
            ReturnKind.Boolean or ReturnKind.Formatted when returns.ScalarSchemaType is not null => $"{ToolResults}.WriteScalarIfModern(__call, {value});",
            ReturnKind.Boolean or ReturnKind.Char or ReturnKind.Uri => $"{ToolResults}.WriteText({writer}, {value});",
            ReturnKind.Enum => $"{ToolResults}.WriteText({writer}, {value}.ToString());",
            ReturnKind.Formatted => returns.Format is null
                ? $"{ToolResults}.WriteFormatted({writer}, {value});"
                : $"{ToolResults}.WriteFormatted({writer}, {value}, \"{returns.Format}\");",
            ReturnKind.Content or ReturnKind.ContentList => $"{ToolResults}.WriteContent({writer}, {value});",
            ReturnKind.Structured => $"{ToolResults}.WriteStructured(__call, {value}, {SerializerEmitter.ClassName}.Write_{returns.Value!.Id});",
            ReturnKind.Json when returns.IsModernStructured => $"{ToolResults}.WriteStructuredIfModern(__call, {value}, {JsonWriterLambda(returns)});",
            ReturnKind.Json => $"{ToolResults}.WriteJson(__call, {value}, {JsonWriterLambda(returns)});",
            _ => $"{ToolResults}.WriteResult({writer}, {value});",
        };
        if (!returns.IsNullableValue) return write;
        var w = new SourceWriter();
        w.OpenBlock("if (__result is { } __value)");
        w.WriteLine(write);
        w.CloseBlock();
        w.OpenBlock("else");
        w.WriteLine($"{ToolResults}.WriteEmpty({writer});");
        w.CloseBlock();
        return w.ToString().TrimEnd('\n');
    }

    /// <summary>A static lambda writing a JSON-only result (null included when the result is nullable), laid out over its own lines.</summary>
    private static string JsonWriterLambda(ReturnSpec returns)
    {
        var w = new SourceWriter();
        w.WriteLine("static (w, v) =>");
        w.WriteLine("{");
        w.Indent();
        ValueCode.Write(w, returns.Value!, returns.IsNullable, "w", "v", "value");
        w.Unindent();
        w.WriteLine("}");
        return w.ToString().TrimEnd('\n');
    }

    private static string Identifier(ParameterSpec parameter) => parameter.Name.TrimStart('@');

    /// <summary>A type as a comment shows it, without namespaces: <c>IReadOnlyList&lt;Order&gt;</c>.</summary>
    private static string ShortTypeName(string typeName) => s_qualifier.Replace(typeName, "");

    private static readonly System.Text.RegularExpressions.Regex s_qualifier = new(@"(global::)?([A-Za-z_][A-Za-z0-9_]*\.)+");

    private static string PatternField(string stem, ParameterSpec parameter) => $"s_pattern_{stem}_{Identifier(parameter)}";
}
