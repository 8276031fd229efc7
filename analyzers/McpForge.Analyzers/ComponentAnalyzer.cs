using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using McpForge.Generators;
using McpForge.Generators.Diagnostics;
using McpForge.Generators.Helpers;
using McpForge.Generators.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace McpForge.Analyzers;

/// <summary>
/// Reports every problem with the MCP components of a class (<c>[McpTool]</c>, <c>[McpPrompt]</c>,
/// <c>[McpResource]</c> and <c>[McpCompletion]</c> methods) and with <c>[McpElicitationForm]</c> types, from the same
/// parsers the generator uses, so what it reports as an error is exactly what the generator leaves out; the
/// DataAnnotations of every argument and member they reach, at any depth (<c>ValidationRules</c>); and what only the
/// class as a whole shows: duplicate names and URIs, components without a description, completions of arguments the
/// class does not declare. Each component is parsed once per analysis; a problem of a type many components reach is
/// reported once.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ComponentAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
    [
        DiagnosticDescriptors.UnsupportedParameterType,
        DiagnosticDescriptors.UnsupportedReturnType,
        DiagnosticDescriptors.ComponentTypeNotPartial,
        DiagnosticDescriptors.InvalidComponentType,
        DiagnosticDescriptors.InvalidToolName,
        DiagnosticDescriptors.AsyncVoidComponent,
        DiagnosticDescriptors.UnsupportedParameterKind,
        DiagnosticDescriptors.GenericComponentMethod,
        DiagnosticDescriptors.DuplicateComponentName,
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
        DiagnosticDescriptors.MisappliedValidationAttribute,
        DiagnosticDescriptors.UncheckedValidationAttribute,
        DiagnosticDescriptors.InvalidValidationAttribute,
        DiagnosticDescriptors.UnsupportedFormProperty,
        DiagnosticDescriptors.InvalidFormType,
        DiagnosticDescriptors.UnsupportedHeaderParameter,
        DiagnosticDescriptors.InvalidHeaderName,
        DiagnosticDescriptors.DuplicateHeaderName,
        DiagnosticDescriptors.NegativeCacheTtl,
        DiagnosticDescriptors.InvalidIcon,
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
            var attributes = new ComponentAttributes(
                toolAttribute,
                start.Compilation.GetTypeByMetadataName(TypeNames.McpPromptAttribute),
                start.Compilation.GetTypeByMetadataName(TypeNames.McpResourceAttribute),
                start.Compilation.GetTypeByMetadataName(TypeNames.McpCompletionAttribute),
                start.Compilation.GetTypeByMetadataName(TypeNames.McpElicitationFormAttribute));
            // A record many tools take is parsed with each: its problems are reported once for the compilation.
            var reported = new ConcurrentDictionary<(string File, TextSpan Span, string Id), byte>();
            start.RegisterSymbolAction(symbol => AnalyzeType(symbol, attributes, reported), SymbolKind.NamedType);
        });
    }

    private sealed record ComponentAttributes(INamedTypeSymbol Tool, INamedTypeSymbol? Prompt, INamedTypeSymbol? Resource, INamedTypeSymbol? Completion,
        INamedTypeSymbol? Form);

    private static void AnalyzeType(SymbolAnalysisContext context, ComponentAttributes attributes, ConcurrentDictionary<(string, TextSpan, string), byte> reported)
    {
        var type = (INamedTypeSymbol)context.Symbol;
        var toolNames = new HashSet<string>();
        var promptNames = new HashSet<string>();
        var resourceUris = new HashSet<string>();
        // What this class can complete: (prompt name, argument) and (template, variable).
        var completable = new HashSet<(string Kind, string Reference, string Argument)>();
        var completions = new List<(IMethodSymbol Method, AttributeData Attribute, SyntaxNode Declaration)>();

        void Report(EquatableArray<DiagnosticInfo> diagnostics)
        {
            foreach (var info in diagnostics)
            {
                // Problems of the class itself come once per class, not once per method; of a type, once however many reach it.
                if (!reported.TryAdd((info.FilePath, info.Span, info.Descriptor.Id), 0)) continue;
                context.ReportDiagnostic(info.ToDiagnostic(context.Compilation));
            }
        }

        if (attributes.Form is not null
            && type.GetAttributes().FirstOrDefault(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, attributes.Form)) is { } form)
        {
            Report(FormParser.Parse(type, form, context.Compilation, context.CancellationToken).Diagnostics);
        }

        void Named(HashSet<string> names, string name, string kind, AttributeData attribute, IMethodSymbol method)
        {
            if (!names.Add(name))
            {
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.DuplicateComponentName, AttributeLocation(attribute, method),
                    name, type.ToDisplayString(), kind));
            }
        }

        void Described(string? description, string name, string kind, IMethodSymbol method)
        {
            if (description is null)
            {
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.MissingDescription, method.Locations.FirstOrDefault(), name, kind));
            }
        }

        foreach (var member in type.GetMembers())
        {
            if (member is not IMethodSymbol method) continue;
            foreach (var attribute in method.GetAttributes())
            {
                var attributeClass = attribute.AttributeClass;
                var isTool = SymbolEqualityComparer.Default.Equals(attributeClass, attributes.Tool);
                var isPrompt = !isTool && attributes.Prompt is not null && SymbolEqualityComparer.Default.Equals(attributeClass, attributes.Prompt);
                var isResource = !isTool && !isPrompt && attributes.Resource is not null && SymbolEqualityComparer.Default.Equals(attributeClass, attributes.Resource);
                var isCompletion = !isTool && !isPrompt && !isResource && attributes.Completion is not null
                    && SymbolEqualityComparer.Default.Equals(attributeClass, attributes.Completion);
                if (!isTool && !isPrompt && !isResource && !isCompletion) continue;
                var declaration = method.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(context.CancellationToken);
                if (declaration is null) continue;

                if (isTool)
                {
                    var parse = ToolParser.Parse(method, attribute, declaration, context.Compilation, context.CancellationToken);
                    Report(parse.Diagnostics);
                    if (parse.Spec is not { } tool) continue;
                    Named(toolNames, tool.ToolName, "Tool name", attribute, method);
                    Described(tool.Description, tool.ToolName, "Tool", method);
                }
                else if (isPrompt)
                {
                    var parse = PromptParser.Parse(method, attribute, declaration, context.Compilation, context.CancellationToken);
                    Report(parse.Diagnostics);
                    if (parse.Spec is not { } prompt) continue;
                    Named(promptNames, prompt.PromptName, "Prompt name", attribute, method);
                    Described(prompt.Description, prompt.PromptName, "Prompt", method);
                    foreach (var p in prompt.Parameters) completable.Add(("prompt", prompt.PromptName, p.JsonName));
                }
                else if (isResource)
                {
                    // Resources are named by their URI; a description is optional for them.
                    var parse = ResourceParser.Parse(method, attribute, declaration, context.Compilation, context.CancellationToken);
                    Report(parse.Diagnostics);
                    if (parse.Spec is not { } resource) continue;
                    Named(resourceUris, resource.Uri, "Resource URI", attribute, method);
                    if (resource.IsTemplate)
                    {
                        foreach (var v in resource.Variables) completable.Add(("template", resource.Uri, v));
                    }
                }
                else
                {
                    // Checked once every prompt and template of the class is known.
                    completions.Add((method, attribute, declaration));
                }
            }
        }

        // MCPF0020/0021: every [McpCompletion] completes an argument of a prompt, or a variable of a resource template,
        // declared in the same class, and has a usable shape.
        foreach (var (method, attribute, declaration) in completions)
        {
            var parse = CompletionParser.Parse(method, attribute, declaration, context.Compilation, context.CancellationToken);
            Report(parse.Diagnostics);
            if (parse.Spec is not { } completion) continue;
            var isTemplate = completion.Reference.Contains("{");
            if (!completable.Contains((isTemplate ? "template" : "prompt", completion.Reference, completion.Argument)))
            {
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.CompletionForUnknownArgument, AttributeLocation(attribute, method),
                    type.ToDisplayString(), isTemplate ? "resource template" : "prompt", completion.Reference, completion.Argument));
            }
        }
    }

    private static Location? AttributeLocation(AttributeData attribute, IMethodSymbol method) =>
        attribute.ApplicationSyntaxReference?.GetSyntax().GetLocation() ?? method.Locations.FirstOrDefault();
}
