using System.Collections.Concurrent;
using System.Collections.Immutable;
using McpForge.Generators.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace McpForge.Analyzers;

/// <summary>
/// Reports <c>Console.Write</c>, <c>Console.WriteLine</c> and uses of <c>Console.Out</c> in a project that serves over
/// stdio (it calls <c>McpServer.RunStdioAsync</c>), where standard output carries the JSON-RPC stream. Stray output
/// is the most common way a stdio server breaks its client. Reported at the end of the compilation, once it is
/// known that the project is a stdio server.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ConsoleOutputAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [DiagnosticDescriptors.ConsoleWriteInStdioServer];

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            var server = start.Compilation.GetTypeByMetadataName("McpForge.McpServer");
            var console = start.Compilation.GetTypeByMetadataName("System.Console");
            if (server is null || console is null) return;

            var writes = new ConcurrentQueue<(Location Location, string What)>();
            var servesStdio = 0;
            start.RegisterOperationAction(operation =>
            {
                var invocation = (IInvocationOperation)operation.Operation;
                var method = invocation.TargetMethod;
                if (SymbolEqualityComparer.Default.Equals(method.ContainingType, console) && method.Name is "Write" or "WriteLine")
                {
                    writes.Enqueue((invocation.Syntax.GetLocation(), "Console." + method.Name));
                }
                else if (SymbolEqualityComparer.Default.Equals(method.ContainingType, server) && method.Name == "RunStdioAsync")
                {
                    System.Threading.Interlocked.Exchange(ref servesStdio, 1);
                }
            }, OperationKind.Invocation);
            start.RegisterOperationAction(operation =>
            {
                var property = (IPropertyReferenceOperation)operation.Operation;
                if (SymbolEqualityComparer.Default.Equals(property.Property.ContainingType, console) && property.Property.Name == "Out")
                {
                    writes.Enqueue((property.Syntax.GetLocation(), "Console.Out"));
                }
            }, OperationKind.PropertyReference);
            start.RegisterCompilationEndAction(end =>
            {
                if (System.Threading.Volatile.Read(ref servesStdio) == 0) return;
                foreach (var (location, what) in writes)
                {
                    end.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.ConsoleWriteInStdioServer, location, what));
                }
            });
        });
    }
}
