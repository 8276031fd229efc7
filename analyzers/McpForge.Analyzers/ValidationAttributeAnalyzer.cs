using System.Collections.Immutable;
using System.Linq;
using McpForge.Generators;
using McpForge.Generators.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace McpForge.Analyzers;

/// <summary>
/// MCPF0022: a DataAnnotations validation attribute on a tool, prompt or resource parameter whose type it cannot
/// apply to (<c>[Range]</c> on a string, <c>[StringLength]</c> on a number, …): a constraint that can never hold.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ValidationAttributeAnalyzer : DiagnosticAnalyzer
{
    private const string Namespace = "System.ComponentModel.DataAnnotations.";

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [DiagnosticDescriptors.MisappliedValidationAttribute];

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            var markers = new[] { TypeNames.McpToolAttribute, TypeNames.McpPromptAttribute, TypeNames.McpResourceAttribute }
                .Select(start.Compilation.GetTypeByMetadataName)
                .Where(t => t is not null)
                .ToImmutableArray();
            if (markers.IsEmpty) return;
            start.RegisterSymbolAction(symbol => Analyze(symbol, markers!), SymbolKind.Method);
        });
    }

    private static void Analyze(SymbolAnalysisContext context, ImmutableArray<INamedTypeSymbol> markers)
    {
        var method = (IMethodSymbol)context.Symbol;
        if (!method.GetAttributes().Any(a => markers.Any(m => SymbolEqualityComparer.Default.Equals(a.AttributeClass, m)))) return;
        foreach (var parameter in method.Parameters)
        {
            var type = SupportedTypes.NullableUnderlying(parameter.Type) ?? parameter.Type;
            foreach (var attribute in parameter.GetAttributes())
            {
                var name = attribute.AttributeClass?.ToDisplayString();
                if (name is null || !name.StartsWith(Namespace, System.StringComparison.Ordinal)) continue;
                var shortName = name.Substring(Namespace.Length).Replace("Attribute", "");
                var appliesTo = shortName switch
                {
                    "Range" => IsNumber(type) || IsDateOrTime(type) ? null : "numbers, dates and times",
                    "StringLength" or "RegularExpression" or "EmailAddress" or "Url" or "Phone" or "CreditCard" or "Base64String"
                        => type.SpecialType == SpecialType.System_String ? null : "strings",
                    "MinLength" or "MaxLength" or "Length"
                        => type.SpecialType == SpecialType.System_String || IsCollection(type) ? null : "strings and collections",
                    _ => null,
                };
                if (appliesTo is null) continue;
                var location = attribute.ApplicationSyntaxReference?.GetSyntax(context.CancellationToken).GetLocation() ?? parameter.Locations.FirstOrDefault();
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.MisappliedValidationAttribute, location,
                    shortName, parameter.Name, parameter.Type.ToDisplayString(), appliesTo));
            }
        }
    }

    private static bool IsNumber(ITypeSymbol type) =>
        type.SpecialType is >= SpecialType.System_SByte and <= SpecialType.System_Double
        || type.ToDisplayString() is "System.Int128" or "System.UInt128" or "System.Half";

    private static bool IsDateOrTime(ITypeSymbol type) =>
        type.SpecialType == SpecialType.System_DateTime
        || type.ToDisplayString() is "System.DateTimeOffset" or "System.DateOnly" or "System.TimeOnly" or "System.TimeSpan";

    private static bool IsCollection(ITypeSymbol type) =>
        type is IArrayTypeSymbol || type.AllInterfaces.Any(i => i.OriginalDefinition.SpecialType == SpecialType.System_Collections_Generic_IEnumerable_T);
}
