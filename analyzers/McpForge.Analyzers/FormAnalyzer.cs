using System.Collections.Immutable;
using System.Linq;
using McpForge.Generators;
using McpForge.Generators.Diagnostics;
using McpForge.Generators.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace McpForge.Analyzers;

/// <summary>
/// MCPF0024 and MCPF0025 for <c>[McpElicitationForm]</c> types, from the same <see cref="FormParser"/> the generator
/// uses: a property MCP's flat form schema cannot express, or a type that cannot be a form.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class FormAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        [DiagnosticDescriptors.UnsupportedFormProperty, DiagnosticDescriptors.InvalidFormType];

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            if (start.Compilation.GetTypeByMetadataName(TypeNames.McpElicitationFormAttribute) is not { } formAttribute) return;
            start.RegisterSymbolAction(symbol =>
            {
                var type = (INamedTypeSymbol)symbol.Symbol;
                var attribute = type.GetAttributes().FirstOrDefault(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, formAttribute));
                if (attribute is null) return;
                foreach (var info in FormParser.Parse(type, attribute, symbol.Compilation, symbol.CancellationToken).Diagnostics)
                {
                    symbol.ReportDiagnostic(info.ToDiagnostic(symbol.Compilation));
                }
            }, SymbolKind.NamedType);
        });
    }
}
