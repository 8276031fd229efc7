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
/// Warns about a tool marked <c>Destructive = true</c> without <c>[McpAuthorize]</c> (on it or its class) in a project
/// that serves over HTTP (it calls <c>MapMcp</c>): there, anyone who can reach the endpoint can call it. Reported at
/// the end of the compilation, once it is known that the project maps an MCP endpoint. A stdio server runs as the user
/// who started it, so it is not concerned.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class UnprotectedDestructiveToolAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [DiagnosticDescriptors.UnprotectedDestructiveTool];

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            var tool = start.Compilation.GetTypeByMetadataName(TypeNames.McpToolAttribute);
            var authorize = start.Compilation.GetTypeByMetadataName(TypeNames.McpAuthorizeAttribute);
            var endpoints = start.Compilation.GetTypeByMetadataName("McpForge.AspNetCore.McpEndpointRouteBuilderExtensions");
            if (tool is null || authorize is null || endpoints is null) return;

            var candidates = new ConcurrentQueue<(Location Location, string Name)>();
            var mapsMcp = 0;
            start.RegisterSymbolAction(symbolContext =>
            {
                var method = (IMethodSymbol)symbolContext.Symbol;
                var attribute = method.GetAttributes().FirstOrDefault(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, tool));
                if (attribute is null) return;
                var destructive = attribute.NamedArguments.Any(a => a.Key == "Destructive" && a.Value.Value is true);
                if (!destructive || HasAuthorize(method, authorize)) return;
                var name = attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Value is string explicitName
                    ? explicitName
                    : McpForge.Generators.Helpers.ToolNames.FromMethodName(method.Name);
                var location = attribute.ApplicationSyntaxReference?.GetSyntax(symbolContext.CancellationToken).GetLocation() ?? method.Locations.FirstOrDefault();
                if (location is not null) candidates.Enqueue((location, name));
            }, SymbolKind.Method);
            start.RegisterOperationAction(operation =>
            {
                var invocation = (IInvocationOperation)operation.Operation;
                if (invocation.TargetMethod.Name == "MapMcp" && SymbolEqualityComparer.Default.Equals(invocation.TargetMethod.ContainingType, endpoints))
                {
                    System.Threading.Interlocked.Exchange(ref mapsMcp, 1);
                }
            }, OperationKind.Invocation);
            start.RegisterCompilationEndAction(end =>
            {
                if (System.Threading.Volatile.Read(ref mapsMcp) == 0) return;
                foreach (var (location, name) in candidates)
                {
                    end.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.UnprotectedDestructiveTool, location, name));
                }
            });
        });
    }

    private static bool HasAuthorize(IMethodSymbol method, INamedTypeSymbol authorize)
    {
        for (ISymbol? symbol = method; symbol is not null; symbol = symbol.ContainingType)
        {
            if (symbol.GetAttributes().Any(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, authorize))) return true;
        }
        return false;
    }
}
