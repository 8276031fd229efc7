using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using McpForge.Generators.Helpers;
using McpForge.Generators.Model;
using Microsoft.CodeAnalysis;

namespace McpForge.Generators;

/// <summary>
/// Compiles <c>[McpTool]</c> methods into tool tables: for each <c>partial</c> class with tools, an implementation
/// of <c>IMcpToolType</c> with precomputed descriptors, a generated name lookup, argument binders and invokers.
/// </summary>
/// <remarks>
/// Pipeline: <see cref="Parser"/> turns each attributed method into equatable specs (no symbols survive it);
/// the specs are grouped by class; <see cref="Emitter"/> writes one file per class. Problems travel separately
/// as <see cref="Diagnostics.DiagnosticInfo"/> values, so an edit that changes only a diagnostic does not re-emit code.
/// </remarks>
[Generator(LanguageNames.CSharp)]
public sealed partial class McpToolGenerator : IIncrementalGenerator
{
    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var methods = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                TypeNames.McpToolAttribute,
                predicate: static (node, _) => node is Microsoft.CodeAnalysis.CSharp.Syntax.MethodDeclarationSyntax,
                transform: static (ctx, ct) => Parser.Parse(ctx, ct))
            .WithTrackingName(TrackingNames.ToolMethods);

        var types = methods
            .Where(static m => m.Type is not null && m.Tool is not null)
            .Collect()
            .WithTrackingName(TrackingNames.AllToolMethods)
            .SelectMany(static (all, _) => GroupByType(all))
            .WithTrackingName(TrackingNames.ToolTypes);

        context.RegisterSourceOutput(types, static (spc, type) =>
            spc.AddSource(type.Hierarchy.HintName + ".McpTools.g.cs", Emitter.Emit(type)));

        var diagnostics = methods
            .SelectMany(static (m, _) => m.Diagnostics)
            .WithTrackingName(TrackingNames.Diagnostics);
        context.RegisterSourceOutput(diagnostics, static (spc, info) => spc.ReportDiagnostic(info.ToDiagnostic()));
    }

    /// <summary>One spec per class, its tools in source order, classes in ordinal order of their names.</summary>
    private static ImmutableArray<ToolTypeSpec> GroupByType(ImmutableArray<ToolMethodResult> methods) =>
        methods
            .GroupBy(m => m.Type!.Hierarchy.FullyQualifiedName, System.StringComparer.Ordinal)
            .OrderBy(g => g.Key, System.StringComparer.Ordinal)
            .Select(g => g.First().Type! with
            {
                Tools = g.Select(m => m.Tool!).OrderBy(t => t.Order).ToEquatableArray(),
            })
            .ToImmutableArray();
}
