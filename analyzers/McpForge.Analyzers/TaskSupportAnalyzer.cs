using System;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Linq;
using McpForge.Generators;
using McpForge.Generators.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace McpForge.Analyzers;

/// <summary>
/// Misuses of <c>[McpTool(TaskSupport = …)]</c> (docs/tasks.md): a synchronous method, which ends before it could become
/// a task (MCPF0034); a value that is no member of <c>McpTaskSupport</c> (MCPF0035); task-capable tools in a project that
/// never creates <c>McpTaskOptions</c>, so tasks stay off (MCPF0036, reported at the end of the compilation).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class TaskSupportAnalyzer : DiagnosticAnalyzer
{
    private const string TaskOptions = "McpForge.Tasks.McpTaskOptions";

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        [DiagnosticDescriptors.SynchronousTaskTool, DiagnosticDescriptors.InvalidTaskSupport, DiagnosticDescriptors.TasksNeverEnabled];

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            var tool = start.Compilation.GetTypeByMetadataName(TypeNames.McpToolAttribute);
            var options = start.Compilation.GetTypeByMetadataName(TaskOptions);
            if (tool is null || options is null) return;
            var taskCapable = new ConcurrentQueue<(Location Location, string Name)>();
            var enablesTasks = 0;
            start.RegisterSymbolAction(symbolContext =>
            {
                var method = (IMethodSymbol)symbolContext.Symbol;
                var attribute = method.GetAttributes().FirstOrDefault(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, tool));
                if (attribute is null) return;
                var argument = attribute.NamedArguments.FirstOrDefault(a => a.Key == "TaskSupport");
                if (argument.Value.Value is not int value || value == 0) return; // absent, or Forbidden
                var name = attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Value is string explicitName
                    ? explicitName
                    : McpForge.Generators.Helpers.ToolNames.FromMethodName(method.Name);
                var location = attribute.ApplicationSyntaxReference?.GetSyntax(symbolContext.CancellationToken).GetLocation() ?? method.Locations.FirstOrDefault();
                if (location is null) return;
                if (value is not (1 or 2))
                {
                    symbolContext.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.InvalidTaskSupport, location, name, value));
                    return;
                }
                if (!IsAsync(method.ReturnType))
                {
                    symbolContext.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.SynchronousTaskTool, location, name, value == 1 ? "Optional" : "Required"));
                }
                taskCapable.Enqueue((location, name));
            }, SymbolKind.Method);
            start.RegisterOperationAction(operation =>
            {
                if (SymbolEqualityComparer.Default.Equals(((IObjectCreationOperation)operation.Operation).Type, options))
                {
                    System.Threading.Interlocked.Exchange(ref enablesTasks, 1);
                }
            }, OperationKind.ObjectCreation);
            start.RegisterCompilationEndAction(end =>
            {
                if (System.Threading.Volatile.Read(ref enablesTasks) == 1) return;
                foreach (var (location, name) in taskCapable)
                {
                    end.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.TasksNeverEnabled, location, name));
                }
            });
        });
    }

    /// <summary>Task, Task&lt;T&gt;, ValueTask or ValueTask&lt;T&gt;: a method that can go on after it first awaits.</summary>
    private static bool IsAsync(ITypeSymbol type) =>
        type is INamedTypeSymbol { ContainingNamespace: { Name: "Tasks", ContainingNamespace: { Name: "Threading", ContainingNamespace.Name: "System" } } } named
        && named.Name is "Task" or "ValueTask";
}
