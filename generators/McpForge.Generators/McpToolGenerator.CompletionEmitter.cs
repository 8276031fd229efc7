using System.Linq;
using McpForge.Generators.Helpers;
using McpForge.Generators.Model;
using Microsoft.CodeAnalysis.CSharp;

namespace McpForge.Generators;

public sealed partial class McpToolGenerator
{
    /// <summary>Turns the completion methods of a <see cref="ComponentTypeSpec"/> into C#: an <c>IMcpCompletionType</c> implementation.</summary>
    internal static class CompletionEmitter
    {
        private const string Result = "global::System.Threading.Tasks.ValueTask<global::System.Collections.Generic.IEnumerable<string>>";
        private const string NestedClass = "__McpForgeCompletions";

        public static string Emit(ComponentTypeSpec type) =>
            Emitter.EmitFile(type, "completion table", "global::McpForge.Completions.IMcpCompletionType",
                $"static global::McpForge.Completions.McpCompletionSet global::McpForge.Completions.IMcpCompletionType.McpCompletions => {NestedClass}.Set;",
                "The <c>[McpCompletion]</c> methods of this class, compiled by McpForge.",
                w => EmitNestedClass(w, type));

        private static void EmitNestedClass(SourceWriter w, ComponentTypeSpec type)
        {
            w.WriteLine("[global::System.CodeDom.Compiler.GeneratedCode(\"McpForge.Generators\", \"" + ThisAssembly.Version + "\")]");
            w.WriteLine("[global::System.ComponentModel.EditorBrowsable(global::System.ComponentModel.EditorBrowsableState.Never)]");
            w.OpenBlock($"private static class {NestedClass}");
            w.WriteLine("/// <summary>What each method completes: (prompt name or resource template, argument).</summary>");
            w.WriteLine("public static readonly global::McpForge.Completions.McpCompletionSet Set = new(");
            w.Indent();
            w.OpenBlock("new global::McpForge.Completions.McpCompletion[]");
            var index = 0;
            foreach (var completion in type.Completions)
            {
                w.WriteLine($"new({SymbolDisplay.FormatLiteral(completion.Reference, true)}, {SymbolDisplay.FormatLiteral(completion.Argument, true)}, Complete_{index++}),");
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
                Emitter.EmitFactory(w, type);
            }
            w.CloseBlock();
        }
    }
}
