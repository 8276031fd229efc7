using System.Collections.Immutable;
using System.Linq;
using McpForge.Generators;
using McpForge.Generators.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace McpForge.Analyzers;

/// <summary>
/// Reports <c>AddTools&lt;T&gt;()</c> of a type without <c>[McpTool]</c> methods. The call would not compile anyway
/// (T does not implement the generated interface); this says why in words, at the type argument.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class AddToolsAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [DiagnosticDescriptors.ToolTypeWithoutTools];

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            var builder = start.Compilation.GetTypeByMetadataName("McpForge.McpServerBuilder");
            var toolAttribute = start.Compilation.GetTypeByMetadataName(TypeNames.McpToolAttribute);
            if (builder is null || toolAttribute is null) return;
            start.RegisterSyntaxNodeAction(node => Analyze(node, builder, toolAttribute), SyntaxKind.GenericName);
        });
    }

    private static void Analyze(SyntaxNodeAnalysisContext context, INamedTypeSymbol builder, INamedTypeSymbol toolAttribute)
    {
        var name = (GenericNameSyntax)context.Node;
        if (name.Identifier.ValueText != "AddTools" || name.TypeArgumentList.Arguments.Count != 1) return;

        // With the constraint unsatisfied the call does not bind, so the candidate is looked at too.
        var info = context.SemanticModel.GetSymbolInfo(name, context.CancellationToken);
        var method = info.Symbol as IMethodSymbol ?? info.CandidateSymbols.OfType<IMethodSymbol>().FirstOrDefault();
        if (method is null || !SymbolEqualityComparer.Default.Equals(method.ContainingType, builder)) return;

        var argument = name.TypeArgumentList.Arguments[0];
        if (context.SemanticModel.GetTypeInfo(argument, context.CancellationToken).Type is not INamedTypeSymbol type || type.TypeKind == TypeKind.Error) return;
        var hasTools = type.GetMembers().OfType<IMethodSymbol>()
            .Any(m => m.GetAttributes().Any(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, toolAttribute)));
        if (!hasTools)
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.ToolTypeWithoutTools, argument.GetLocation(), type.ToDisplayString()));
        }
    }
}
