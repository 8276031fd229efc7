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

        var toolTypeArray = methods
            .Where(static m => m.Type is not null && m.Tool is not null)
            .Collect()
            .WithTrackingName(TrackingNames.AllToolMethods)
            .Select(static (all, _) => Group(all, static m => m.Type!, static m => m.Tool!, static t => t.Order,
                static (type, tools) => type with { Tools = tools }));
        var types = toolTypeArray
            .SelectMany(static (all, _) => all)
            .WithTrackingName(TrackingNames.ToolTypes);

        context.RegisterSourceOutput(types, static (spc, type) =>
            spc.AddSource(type.Hierarchy.HintName + ".McpTools.g.cs", Emitter.Emit(type)));

        var promptTypeArray = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                TypeNames.McpPromptAttribute,
                predicate: static (node, _) => node is Microsoft.CodeAnalysis.CSharp.Syntax.MethodDeclarationSyntax,
                transform: static (ctx, ct) => PromptParser.Parse((IMethodSymbol)ctx.TargetSymbol, ctx.Attributes[0], ctx.TargetNode, ctx.SemanticModel.Compilation, ct))
            .WithTrackingName(TrackingNames.PromptMethods)
            .Where(static m => m.Type is not null && m.Prompt is not null)
            .Collect()
            .WithTrackingName(TrackingNames.AllPromptMethods)
            .Select(static (all, _) => Group(all, static m => m.Type!, static m => m.Prompt!, static p => p.Order,
                static (type, prompts) => type with { Prompts = prompts }));
        var promptTypes = promptTypeArray
            .SelectMany(static (all, _) => all)
            .WithTrackingName(TrackingNames.PromptTypes);

        context.RegisterSourceOutput(promptTypes, static (spc, type) =>
            spc.AddSource(type.Hierarchy.HintName + ".McpPrompts.g.cs", PromptEmitter.Emit(type)));

        var resourceTypeArray = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                TypeNames.McpResourceAttribute,
                predicate: static (node, _) => node is Microsoft.CodeAnalysis.CSharp.Syntax.MethodDeclarationSyntax,
                transform: static (ctx, ct) => ResourceParser.Parse((IMethodSymbol)ctx.TargetSymbol, ctx.Attributes[0], ctx.TargetNode, ctx.SemanticModel.Compilation, ct))
            .WithTrackingName(TrackingNames.ResourceMethods)
            .Where(static m => m.Type is not null && m.Resource is not null)
            .Collect()
            .WithTrackingName(TrackingNames.AllResourceMethods)
            .Select(static (all, _) => Group(all, static m => m.Type!, static m => m.Resource!, static r => r.Order,
                static (type, resources) => type with { Resources = resources }));
        var resourceTypes = resourceTypeArray
            .SelectMany(static (all, _) => all)
            .WithTrackingName(TrackingNames.ResourceTypes);

        context.RegisterSourceOutput(resourceTypes, static (spc, type) =>
            spc.AddSource(type.Hierarchy.HintName + ".McpResources.g.cs", ResourceEmitter.Emit(type)));

        var completionTypeArray = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                TypeNames.McpCompletionAttribute,
                predicate: static (node, _) => node is Microsoft.CodeAnalysis.CSharp.Syntax.MethodDeclarationSyntax,
                transform: static (ctx, ct) => ctx.Attributes.Select(a => CompletionParser.Parse((IMethodSymbol)ctx.TargetSymbol, a, ctx.TargetNode, ct)).ToEquatableArray())
            .WithTrackingName(TrackingNames.CompletionMethods)
            .SelectMany(static (all, _) => all)
            .Where(static m => m.Type is not null && m.Completion is not null)
            .Collect()
            .WithTrackingName(TrackingNames.AllCompletionMethods)
            .Select(static (all, _) => Group(all, static m => m.Type!, static m => m.Completion!, static c => c.Order,
                static (type, completions) => type with { Completions = completions }));
        var completionTypes = completionTypeArray
            .SelectMany(static (all, _) => all)
            .WithTrackingName(TrackingNames.CompletionTypes);

        context.RegisterSourceOutput(completionTypes, static (spc, type) =>
            spc.AddSource(type.Hierarchy.HintName + ".McpCompletions.g.cs", CompletionEmitter.Emit(type)));

        // Elicitation forms: IMcpElicitationForm<T> on each [McpElicitationForm] type.
        var forms = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                TypeNames.McpElicitationFormAttribute,
                predicate: static (node, _) => node is Microsoft.CodeAnalysis.CSharp.Syntax.TypeDeclarationSyntax,
                transform: static (ctx, ct) => FormParser.Parse((INamedTypeSymbol)ctx.TargetSymbol, ctx.Attributes[0], ctx.SemanticModel.Compilation, ct).Form)
            .WithTrackingName(TrackingNames.Forms)
            .Where(static f => f is not null);
        context.RegisterSourceOutput(forms, static (spc, form) =>
            spc.AddSource(form!.Hierarchy.HintName + ".McpElicitationForm.g.cs", FormEmitter.Emit(form)));

        // One reader and writer per user type, enum and collection shape, shared by every tool and form of the assembly.
        var serializers = toolTypeArray
            .Combine(forms.Collect())
            .Select(static (all, _) => SerializerEmitter.Plan(all.Left.SelectMany(t => t.Tools).Select(static t => (
                    t.Types,
                    t.Parameters.Where(p => p.Kind == ParameterKind.Argument).Select(p => p.Value!),
                    (IEnumerable<ValueSpec>)(t.Return.Value is { } value ? new[] { value } : System.Array.Empty<ValueSpec>())))
                .Concat(all.Right.OrderBy(f => f!.Object.TypeName, System.StringComparer.Ordinal).Select(static f => (
                    new EquatableArray<ObjectSpec>(new[] { f!.Object }),
                    (IEnumerable<ValueSpec>)new[] { new ValueSpec { Kind = ValueKind.Object, TypeName = f.Object.TypeName, Id = f.Object.Id, IsValueType = f.Object.IsValueType } },
                    (IEnumerable<ValueSpec>)System.Array.Empty<ValueSpec>())))))
            .WithTrackingName(TrackingNames.Serializers);
        context.RegisterSourceOutput(serializers, static (spc, spec) =>
        {
            if (!spec.IsEmpty)
            {
                spc.AddSource("McpForgeJson.g.cs", SerializerEmitter.Emit(spec));
            }
        });

        // One registration method for everything the assembly declares: the AOT-safe "scan the assembly".
        var registrations = toolTypeArray.Select(static (all, _) => Names(all))
            .Combine(promptTypeArray.Select(static (all, _) => Names(all)))
            .Combine(resourceTypeArray.Select(static (all, _) => Names(all)))
            .Combine(completionTypeArray.Select(static (all, _) => Names(all)))
            .Select(static (all, _) => new RegistrationSpec(all.Left.Left.Left, all.Left.Left.Right, all.Left.Right, all.Right))
            .WithTrackingName(TrackingNames.Registrations);
        context.RegisterSourceOutput(registrations, static (spc, spec) =>
        {
            if (spec.Tools.Count + spec.Prompts.Count + spec.Resources.Count + spec.Completions.Count > 0)
            {
                spc.AddSource("McpForgeGeneratedComponents.g.cs", Emitter.EmitRegistrations(spec));
            }
        });

        // Misuse is reported by the analyzers (analyzers/McpForge.Analyzers), which run the same ToolParser;
        // the generator leaves a rejected tool out and stays silent, so nothing is reported twice.
    }

    private static EquatableArray<string> Names(ImmutableArray<ComponentTypeSpec> types) =>
        types.Select(t => t.Hierarchy.FullyQualifiedName).ToEquatableArray();

    /// <summary>One class spec per class, its members in source order, classes in ordinal order of their names.</summary>
    private static ImmutableArray<ComponentTypeSpec> Group<TResult, TMember>(ImmutableArray<TResult> methods, System.Func<TResult, ComponentTypeSpec> typeOf,
        System.Func<TResult, TMember> memberOf, System.Func<TMember, int> orderOf, System.Func<ComponentTypeSpec, EquatableArray<TMember>, ComponentTypeSpec> with)
        where TMember : System.IEquatable<TMember> =>
        methods
            .GroupBy(m => typeOf(m).Hierarchy.FullyQualifiedName, System.StringComparer.Ordinal)
            .OrderBy(g => g.Key, System.StringComparer.Ordinal)
            .Select(g => with(typeOf(g.First()), g.Select(memberOf).OrderBy(orderOf).ToEquatableArray()))
            .ToImmutableArray();
}
