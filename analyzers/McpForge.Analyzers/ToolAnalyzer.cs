using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using McpForge.Generators;
using McpForge.Generators.Diagnostics;
using McpForge.Generators.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace McpForge.Analyzers;

/// <summary>
/// Reports every problem with the <c>[McpTool]</c> methods of a class, from the same <see cref="ToolParser"/> the
/// generator uses: what it reports here is exactly what the generator leaves out. Also reports duplicate names
/// within a class and tools without a description.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ToolAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
    [
        DiagnosticDescriptors.UnsupportedParameterType,
        DiagnosticDescriptors.UnsupportedReturnType,
        DiagnosticDescriptors.ToolTypeNotPartial,
        DiagnosticDescriptors.InvalidToolType,
        DiagnosticDescriptors.InvalidToolName,
        DiagnosticDescriptors.AsyncVoidTool,
        DiagnosticDescriptors.UnsupportedParameterKind,
        DiagnosticDescriptors.GenericToolMethod,
        DiagnosticDescriptors.DuplicateToolName,
        DiagnosticDescriptors.MissingDescription,
    ];

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            if (start.Compilation.GetTypeByMetadataName(TypeNames.McpToolAttribute) is not { } toolAttribute)
            {
                return; // The project does not use McpForge.
            }
            start.RegisterSymbolAction(symbol => AnalyzeType(symbol, toolAttribute), SymbolKind.NamedType);
        });
    }

    private static void AnalyzeType(SymbolAnalysisContext context, INamedTypeSymbol toolAttribute)
    {
        var type = (INamedTypeSymbol)context.Symbol;
        var typeLevelReported = new HashSet<string>();
        var names = new Dictionary<string, IMethodSymbol>();
        foreach (var member in type.GetMembers())
        {
            if (member is not IMethodSymbol method) continue;
            var attribute = method.GetAttributes().FirstOrDefault(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, toolAttribute));
            if (attribute is null) continue;
            var declaration = method.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(context.CancellationToken);
            if (declaration is null) continue;

            var result = ToolParser.Parse(method, attribute, declaration, context.Compilation, context.CancellationToken);
            foreach (var info in result.Diagnostics)
            {
                // Problems of the class itself come once per class, not once per tool method.
                var isTypeLevel = info.Descriptor.Id is DiagnosticDescriptors.ToolTypeNotPartialId or DiagnosticDescriptors.InvalidToolTypeId;
                if (isTypeLevel && !typeLevelReported.Add(info.Descriptor.Id + info.Span)) continue;
                context.ReportDiagnostic(info.ToDiagnostic(context.Compilation));
            }

            if (result.Tool is not { } tool) continue;
            if (names.ContainsKey(tool.ToolName))
            {
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.DuplicateToolName, AttributeLocation(attribute, method), tool.ToolName, type.ToDisplayString()));
            }
            else
            {
                names.Add(tool.ToolName, method);
            }
            if (tool.Description is null)
            {
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.MissingDescription, method.Locations.FirstOrDefault(), tool.ToolName));
            }
        }
    }

    private static Location? AttributeLocation(AttributeData attribute, IMethodSymbol method) =>
        attribute.ApplicationSyntaxReference?.GetSyntax().GetLocation() ?? method.Locations.FirstOrDefault();
}
