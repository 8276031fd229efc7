using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using McpForge.Generators.Diagnostics;
using McpForge.Generators.Emitting;
using McpForge.Generators.Helpers;
using McpForge.Generators.Incremental;
using McpForge.Generators.Model;
using McpForge.Generators.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace McpForge.Generators;

/// <summary>
/// Compiles an assembly's MCP components at build time: for each <c>partial</c> class with <c>[McpTool]</c>,
/// <c>[McpPrompt]</c>, <c>[McpResource]</c> or <c>[McpCompletion]</c> methods, a table of each kind (descriptors written
/// as JSON ahead of time, a name lookup, argument binders and invokers); for each <c>[McpElicitationForm]</c> type, its
/// form schema and reader; one set of JSON readers and writers for every user type they reach; and
/// <c>AddGeneratedComponents()</c>, which registers them all.
/// </summary>
/// <remarks>
/// Pipeline: a parser per kind (<c>Parsing/</c>) turns each attributed method into equatable specs (no symbol survives
/// it); the specs are grouped by class; an emitter per kind (<c>Emitting/</c>) writes one file per class. A component
/// its parser rejects is left out silently: the analyzers report why, from the same parser. A method whose syntax is
/// unchanged, in a compilation whose declarations are all unchanged, is not parsed again (<c>Incremental/</c>): after an
/// edit inside a method body, in a method's doc comment or in another file's statements, only the edited file's
/// components are.
/// </remarks>
[Generator(LanguageNames.CSharp)]
public sealed class McpGenerator : IIncrementalGenerator
{
    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var toolTypes = ComponentTypes<ToolSpec>(context, TypeNames.McpToolAttribute, TrackingNames.ToolMethods, TrackingNames.AllToolMethods,
            static (method, attribute, ctx, ct) => ToolParser.Parse(method, attribute, ctx.TargetNode, ctx.SemanticModel.Compilation, ct),
            static tool => tool.Order, static (type, tools) => type with { Tools = tools });
        var promptTypes = ComponentTypes<PromptSpec>(context, TypeNames.McpPromptAttribute, TrackingNames.PromptMethods, TrackingNames.AllPromptMethods,
            static (method, attribute, ctx, ct) => PromptParser.Parse(method, attribute, ctx.TargetNode, ctx.SemanticModel.Compilation, ct),
            static prompt => prompt.Order, static (type, prompts) => type with { Prompts = prompts });
        var resourceTypes = ComponentTypes<ResourceSpec>(context, TypeNames.McpResourceAttribute, TrackingNames.ResourceMethods, TrackingNames.AllResourceMethods,
            static (method, attribute, ctx, ct) => ResourceParser.Parse(method, attribute, ctx.TargetNode, ctx.SemanticModel.Compilation, ct),
            static resource => resource.Order, static (type, resources) => type with { Resources = resources });
        var completionTypes = ComponentTypes<CompletionSpec>(context, TypeNames.McpCompletionAttribute, TrackingNames.CompletionMethods, TrackingNames.AllCompletionMethods,
            static (method, attribute, ctx, ct) => CompletionParser.Parse(method, attribute, ctx.TargetNode, ctx.SemanticModel.Compilation, ct),
            static completion => completion.Order, static (type, completions) => type with { Completions = completions });

        EmitPerType(context, toolTypes, TrackingNames.ToolTypes, ".McpTools.g.cs", ToolEmitter.Emit);
        EmitPerType(context, promptTypes, TrackingNames.PromptTypes, ".McpPrompts.g.cs", PromptEmitter.Emit);
        EmitPerType(context, resourceTypes, TrackingNames.ResourceTypes, ".McpResources.g.cs", ResourceEmitter.Emit);
        EmitPerType(context, completionTypes, TrackingNames.CompletionTypes, ".McpCompletions.g.cs", CompletionEmitter.Emit);

        // Elicitation forms: IMcpElicitationForm<T> on each [McpElicitationForm] type.
        var forms = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                TypeNames.McpElicitationFormAttribute,
                predicate: static (node, _) => node is TypeDeclarationSyntax,
                transform: static (ctx, ct) => FormParser.Parse((INamedTypeSymbol)ctx.TargetSymbol, ctx.Attributes[0], ctx.SemanticModel.Compilation, ct).Spec)
            .WithTrackingName(TrackingNames.Forms)
            .Where(static form => form is not null);
        context.RegisterSourceOutput(forms, static (spc, form) =>
            spc.AddSource(form!.Hierarchy.HintName + ".McpElicitationForm.g.cs", FormEmitter.Emit(form)));

        // One reader and writer per user type, enum and collection shape, shared by every tool and form of the assembly.
        var serializers = toolTypes
            .Combine(forms.Collect())
            .Select(static (all, _) => SerializerEmitter.Plan(all.Left.SelectMany(t => t.Tools), all.Right.Select(f => f!)))
            .WithTrackingName(TrackingNames.Serializers);
        context.RegisterSourceOutput(serializers, static (spc, spec) =>
        {
            if (!spec.IsEmpty)
            {
                spc.AddSource("McpForgeJson.g.cs", SerializerEmitter.Emit(spec));
            }
        });

        // One registration method for everything the assembly declares: the AOT-safe "scan the assembly".
        var registrations = toolTypes.Select(static (all, _) => Names(all))
            .Combine(promptTypes.Select(static (all, _) => Names(all)))
            .Combine(resourceTypes.Select(static (all, _) => Names(all)))
            .Combine(completionTypes.Select(static (all, _) => Names(all)))
            .Select(static (all, _) => new RegistrationSpec(all.Left.Left.Left, all.Left.Left.Right, all.Left.Right, all.Right))
            .WithTrackingName(TrackingNames.Registrations);
        context.RegisterSourceOutput(registrations, static (spc, spec) =>
        {
            if (spec.Tools.Count + spec.Prompts.Count + spec.Resources.Count + spec.Completions.Count > 0)
            {
                spc.AddSource("McpForgeGeneratedComponents.g.cs", RegistrationEmitter.Emit(spec));
            }
        });

        // Misuse is reported by the analyzers (analyzers/McpForge.Analyzers), which run the same parsers; the generator
        // leaves a rejected component out and stays silent, so nothing is reported twice.
    }

    /// <summary>
    /// The classes with methods marked <paramref name="attribute"/>, each with the specs of its members of that kind in
    /// declaration order, classes in ordinal order of their names. The transform keeps only what <paramref name="parse"/>
    /// accepts, without its diagnostics (a warning does not stop a component), so no source position enters the cached model.
    /// </summary>
    private static IncrementalValueProvider<EquatableArray<ComponentTypeSpec>> ComponentTypes<TSpec>(
        IncrementalGeneratorInitializationContext context, string attribute, string methodsStep, string allMethodsStep,
        Func<IMethodSymbol, AttributeData, GeneratorAttributeSyntaxContext, CancellationToken, ComponentParse<TSpec>> parse,
        Func<TSpec, DeclarationOrder> orderOf, Func<ComponentTypeSpec, EquatableArray<TSpec>, ComponentTypeSpec> with)
        where TSpec : class, IEquatable<TSpec> =>
        context.SyntaxProvider
            .ForAttributeWithMetadataName(
                attribute,
                predicate: static (node, _) => node is MethodDeclarationSyntax,
                transform: (ctx, ct) => ComponentMemo<EquatableArray<ComponentParse<TSpec>>>.GetOrParse(ctx.TargetNode, ctx.SemanticModel.Compilation, ctx,
                    ctx => ctx.Attributes
                        .Select(a => parse((IMethodSymbol)ctx.TargetSymbol, a, ctx, ct))
                        .Where(p => p.Spec is not null)
                        .Select(p => p with { Diagnostics = EquatableArray<DiagnosticInfo>.Empty })
                        .ToEquatableArray()))
            .WithTrackingName(methodsStep)
            .SelectMany(static (parses, _) => parses)
            .Collect()
            .WithTrackingName(allMethodsStep)
            .Select((parses, _) => parses
                .GroupBy(p => p.Type!.Hierarchy.FullyQualifiedName, StringComparer.Ordinal)
                .OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => with(g.First().Type!, g.Select(p => p.Spec!).OrderBy(orderOf).ToEquatableArray()))
                .ToEquatableArray());

    /// <summary>One file per class, named <c>{Namespace}.{Class}{suffix}</c>, regenerated only when that class's spec changes.</summary>
    private static void EmitPerType(IncrementalGeneratorInitializationContext context, IncrementalValueProvider<EquatableArray<ComponentTypeSpec>> types,
        string step, string suffix, Func<ComponentTypeSpec, string> emit)
    {
        var each = types.SelectMany(static (all, _) => all).WithTrackingName(step);
        context.RegisterSourceOutput(each, (spc, type) => spc.AddSource(type.Hierarchy.HintName + suffix, emit(type)));
    }

    private static EquatableArray<string> Names(EquatableArray<ComponentTypeSpec> types) =>
        types.Select(t => t.Hierarchy.FullyQualifiedName).ToEquatableArray();
}
