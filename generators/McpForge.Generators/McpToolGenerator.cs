using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using McpForge.Generators.Helpers;
using McpForge.Generators.Model;
using McpForge.Generators.Parsing;
using Microsoft.CodeAnalysis;

namespace McpForge.Generators;

/// <summary>
/// Compiles <c>[McpTool]</c> methods into tool tables: for each <c>partial</c> class with tools, an implementation
/// of <c>IMcpToolType</c> with precomputed descriptors, a generated name lookup, argument binders and invokers.
/// </summary>
/// <remarks>
/// Pipeline: <see cref="ToolParser"/> turns each attributed method into equatable specs (no symbols survive it);
/// the specs are grouped by class; <see cref="Emitter"/> writes one file per class. A tool the parser rejects is
/// left out silently: the analyzers report why, from the same parser.
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
                transform: static (ctx, ct) => ToolParser.Parse((IMethodSymbol)ctx.TargetSymbol, ctx.Attributes[0], ctx.TargetNode, ctx.SemanticModel.Compilation, ct))
            .WithTrackingName(TrackingNames.ToolMethods);

        var types = methods
            .Where(static m => m.Type is not null && m.Tool is not null)
            .Collect()
            .WithTrackingName(TrackingNames.AllToolMethods)
            .SelectMany(static (all, _) => GroupByType(all))
            .WithTrackingName(TrackingNames.ToolTypes);

        context.RegisterSourceOutput(types, static (spc, type) =>
            spc.AddSource(type.Hierarchy.HintName + ".McpTools.g.cs", Emitter.Emit(type)));

        var promptTypes = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                TypeNames.McpPromptAttribute,
                predicate: static (node, _) => node is Microsoft.CodeAnalysis.CSharp.Syntax.MethodDeclarationSyntax,
                transform: static (ctx, ct) => PromptParser.Parse((IMethodSymbol)ctx.TargetSymbol, ctx.Attributes[0], ctx.TargetNode, ctx.SemanticModel.Compilation, ct))
            .WithTrackingName(TrackingNames.PromptMethods)
            .Where(static m => m.Type is not null && m.Prompt is not null)
            .Collect()
            .WithTrackingName(TrackingNames.AllPromptMethods)
            .SelectMany(static (all, _) => GroupPromptsByType(all))
            .WithTrackingName(TrackingNames.PromptTypes);

        context.RegisterSourceOutput(promptTypes, static (spc, type) =>
            spc.AddSource(type.Hierarchy.HintName + ".McpPrompts.g.cs", PromptEmitter.Emit(type)));

        // Misuse is reported by the analyzers (analyzers/McpForge.Analyzers), which run the same ToolParser;
        // the generator leaves a rejected tool out and stays silent, so nothing is reported twice.
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

    private static ImmutableArray<ToolTypeSpec> GroupPromptsByType(ImmutableArray<PromptMethodResult> methods) =>
        methods
            .GroupBy(m => m.Type!.Hierarchy.FullyQualifiedName, System.StringComparer.Ordinal)
            .OrderBy(g => g.Key, System.StringComparer.Ordinal)
            .Select(g => g.First().Type! with
            {
                Prompts = g.Select(m => m.Prompt!).OrderBy(p => p.Order).ToEquatableArray(),
            })
            .ToImmutableArray();
}
