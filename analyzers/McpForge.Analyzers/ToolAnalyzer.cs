using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using McpForge.Generators;
using McpForge.Generators.Diagnostics;
using McpForge.Generators.Helpers;
using McpForge.Generators.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace McpForge.Analyzers;

/// <summary>
/// Reports every problem with the <c>[McpTool]</c> and <c>[McpPrompt]</c> methods of a class, from the same
/// <see cref="ToolParser"/> and <see cref="PromptParser"/> the generator uses: what it reports here is exactly what
/// the generator leaves out. Also reports duplicate names within a class and components without a description.
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
        DiagnosticDescriptors.UnsupportedPromptParameter,
        DiagnosticDescriptors.UnsupportedPromptReturnType,
        DiagnosticDescriptors.InvalidUriTemplate,
        DiagnosticDescriptors.TemplateVariableWithoutParameter,
        DiagnosticDescriptors.ParameterWithoutTemplateVariable,
        DiagnosticDescriptors.UnsupportedResourceReturnType,
        DiagnosticDescriptors.UnsupportedResourceParameter,
        DiagnosticDescriptors.CompletionForUnknownArgument,
        DiagnosticDescriptors.InvalidCompletionMethod,
        DiagnosticDescriptors.InvalidInputSchema,
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
            var promptAttribute = start.Compilation.GetTypeByMetadataName(TypeNames.McpPromptAttribute);
            var resourceAttribute = start.Compilation.GetTypeByMetadataName(TypeNames.McpResourceAttribute);
            var completionAttribute = start.Compilation.GetTypeByMetadataName(TypeNames.McpCompletionAttribute);
            start.RegisterSymbolAction(symbol => AnalyzeType(symbol, toolAttribute, promptAttribute, resourceAttribute), SymbolKind.NamedType);
            if (completionAttribute is not null)
            {
                start.RegisterSymbolAction(symbol => AnalyzeCompletions(symbol, completionAttribute, promptAttribute, resourceAttribute), SymbolKind.NamedType);
            }
        });
    }

    private static void AnalyzeType(SymbolAnalysisContext context, INamedTypeSymbol toolAttribute, INamedTypeSymbol? promptAttribute,
        INamedTypeSymbol? resourceAttribute)
    {
        var type = (INamedTypeSymbol)context.Symbol;
        var typeLevelReported = new HashSet<string>();
        var toolNames = new HashSet<string>();
        var promptNames = new HashSet<string>();
        var resourceUris = new HashSet<string>();
        foreach (var member in type.GetMembers())
        {
            if (member is not IMethodSymbol method) continue;
            foreach (var attribute in method.GetAttributes())
            {
                var isTool = SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, toolAttribute);
                var isPrompt = promptAttribute is not null && SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, promptAttribute);
                var isResource = resourceAttribute is not null && SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, resourceAttribute);
                if (!isTool && !isPrompt && !isResource) continue;
                var declaration = method.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(context.CancellationToken);
                if (declaration is null) continue;

                EquatableArray<DiagnosticInfo> diagnostics;
                string? name, description;
                if (isTool)
                {
                    var result = ToolParser.Parse(method, attribute, declaration, context.Compilation, context.CancellationToken);
                    (diagnostics, name, description) = (result.Diagnostics, result.Tool?.ToolName, result.Tool?.Description);
                }
                else if (isPrompt)
                {
                    var result = PromptParser.Parse(method, attribute, declaration, context.Compilation, context.CancellationToken);
                    (diagnostics, name, description) = (result.Diagnostics, result.Prompt?.PromptName, result.Prompt?.Description);
                }
                else
                {
                    // Resources are named by their URI; a description is optional for them.
                    var result = ResourceParser.Parse(method, attribute, declaration, context.Compilation, context.CancellationToken);
                    (diagnostics, name, description) = (result.Diagnostics, result.Resource?.Uri, result.Resource?.Uri);
                }

                foreach (var info in diagnostics)
                {
                    // Problems of the class itself come once per class, not once per method.
                    var isTypeLevel = info.Descriptor.Id is DiagnosticDescriptors.ToolTypeNotPartialId or DiagnosticDescriptors.InvalidToolTypeId;
                    if (isTypeLevel && !typeLevelReported.Add(info.Descriptor.Id + info.Span)) continue;
                    context.ReportDiagnostic(info.ToDiagnostic(context.Compilation));
                }
                if (name is null) continue;

                var kind = isTool ? "Tool" : isPrompt ? "Prompt" : "Resource URI";
                if (!(isTool ? toolNames : isPrompt ? promptNames : resourceUris).Add(name))
                {
                    context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.DuplicateToolName, AttributeLocation(attribute, method), name, type.ToDisplayString(), kind));
                }
                if (description is null)
                {
                    context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.MissingDescription, method.Locations.FirstOrDefault(), name, kind));
                }
            }
        }
    }

    /// <summary>
    /// MCPF0020/0021: every <c>[McpCompletion]</c> of a class completes an argument of a prompt, or a variable of a
    /// resource template, declared in the same class, and has a usable shape.
    /// </summary>
    private static void AnalyzeCompletions(SymbolAnalysisContext context, INamedTypeSymbol completionAttribute,
        INamedTypeSymbol? promptAttribute, INamedTypeSymbol? resourceAttribute)
    {
        var type = (INamedTypeSymbol)context.Symbol;
        var methods = type.GetMembers().OfType<IMethodSymbol>().ToList();
        if (!methods.Any(m => m.GetAttributes().Any(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, completionAttribute)))) return;

        // What this class can complete: (prompt name, argument) and (template, variable).
        var completable = new HashSet<(string Kind, string Reference, string Argument)>();
        foreach (var method in methods)
        {
            var declaration = method.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(context.CancellationToken);
            if (declaration is null) continue;
            foreach (var attribute in method.GetAttributes())
            {
                if (promptAttribute is not null && SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, promptAttribute)
                    && PromptParser.Parse(method, attribute, declaration, context.Compilation, context.CancellationToken).Prompt is { } prompt)
                {
                    foreach (var p in prompt.Parameters) completable.Add(("prompt", prompt.PromptName, p.JsonName));
                }
                if (resourceAttribute is not null && SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, resourceAttribute)
                    && ResourceParser.Parse(method, attribute, declaration, context.Compilation, context.CancellationToken).Resource is { IsTemplate: true } template)
                {
                    foreach (var v in template.Variables) completable.Add(("template", template.Uri, v));
                }
            }
        }

        foreach (var method in methods)
        {
            var declaration = method.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(context.CancellationToken);
            if (declaration is null) continue;
            foreach (var attribute in method.GetAttributes())
            {
                if (!SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, completionAttribute)) continue;
                var result = CompletionParser.Parse(method, attribute, declaration, context.CancellationToken);
                foreach (var info in result.Diagnostics)
                {
                    if (info.Descriptor.Id is DiagnosticDescriptors.ToolTypeNotPartialId or DiagnosticDescriptors.InvalidToolTypeId) continue;
                    context.ReportDiagnostic(info.ToDiagnostic(context.Compilation));
                }
                if (result.Completion is not { } completion) continue;
                var isTemplate = completion.Reference.Contains("{");
                if (!completable.Contains((isTemplate ? "template" : "prompt", completion.Reference, completion.Argument)))
                {
                    context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.CompletionForUnknownArgument, AttributeLocation(attribute, method),
                        type.ToDisplayString(), isTemplate ? "resource template" : "prompt", completion.Reference, completion.Argument));
                }
            }
        }
    }

    private static Location? AttributeLocation(AttributeData attribute, IMethodSymbol method) =>
        attribute.ApplicationSyntaxReference?.GetSyntax().GetLocation() ?? method.Locations.FirstOrDefault();
}
