using System.Linq;
using McpForge.Generators.Model;

namespace McpForge.Generators.Emitting;

/// <summary>Turns the completion methods of a <see cref="ComponentTypeSpec"/> into C#: an <c>IMcpCompletionType</c> implementation.</summary>
internal static class CompletionEmitter
{
    private const string Result = "global::System.Threading.Tasks.ValueTask<global::System.Collections.Generic.IEnumerable<string>>";
    private const string NestedClass = "__McpForgeCompletions";

    public static string Emit(ComponentTypeSpec type) =>
        ComponentTableEmitter.EmitFile(type, "completion table", "[McpCompletion]", "global::McpForge.Generated.IMcpCompletionType",
            "global::McpForge.Generated.McpCompletionSet", "McpCompletions", NestedClass, w => EmitMembers(w, type));

    private static void EmitMembers(SourceWriter w, ComponentTypeSpec type)
    {
        w.WriteLine("/// <summary>What each method completes: (prompt name or resource template, argument).</summary>");
        w.WriteLine("public static readonly global::McpForge.Generated.McpCompletionSet Set = new(");
        w.Indent();
        w.OpenBlock("new global::McpForge.Completions.McpCompletion[]");
        var index = 0;
        foreach (var completion in type.Completions)
        {
            w.WriteLine($"new({CSharpLiteral.String(completion.Reference)}, {CSharpLiteral.String(completion.Argument)}, Complete_{index++}),");
        }
        w.CloseBlock(");");
        w.Unindent();

        index = 0;
        foreach (var completion in type.Completions)
        {
            w.WriteLine();
            w.WriteLine($"// {completion.Reference} / {completion.Argument}: {completion.MethodName}");
            w.OpenBlock($"private static {Result} Complete_{index++}(string __value, global::System.Collections.Generic.IReadOnlyDictionary<string, string> __context, global::System.IServiceProvider __services, global::System.Threading.CancellationToken __cancellationToken)");
            var target = completion.IsStatic ? type.Hierarchy.FullyQualifiedName : "Create(__services)";
            var call = $"{target}.{completion.MethodName}({string.Join(", ", completion.Arguments)})";
            if (!completion.IsAsync)
            {
                w.WriteLine($"return new({call});");
            }
            else
            {
                w.WriteLine("return Run(__value, __context, __services, __cancellationToken);");
                w.WriteLine();
                w.WriteLine($"static async {Result} Run(string __value, global::System.Collections.Generic.IReadOnlyDictionary<string, string> __context, global::System.IServiceProvider __services, global::System.Threading.CancellationToken __cancellationToken) =>");
                w.WriteLine($"    await {call}.ConfigureAwait(false);");
            }
            w.CloseBlock();
        }
        if (type.Completions.Any(c => !c.IsStatic))
        {
            w.WriteLine();
            ComponentTableEmitter.EmitFactory(w, type);
        }
    }
}
