using System.Collections.Generic;
using System.Linq;
using System.Threading;
using McpForge.Generators.Diagnostics;
using McpForge.Generators.Helpers;
using McpForge.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace McpForge.Generators.Parsing;

/// <summary>
/// Turns an <c>[McpPrompt]</c> method into a <see cref="PromptSpec"/>, with the class rules of
/// <see cref="ComponentTypeParser"/>. Like every parser, compiled into both the generator and the analyzers.
/// </summary>
internal static class PromptParser
{
    /// <summary>Prompt arguments arrive as strings: these kinds are parsed from them.</summary>
    private static readonly HashSet<ValueKind> s_argumentKinds =
    [
        ValueKind.String, ValueKind.Enum, ValueKind.Integer, ValueKind.Number, ValueKind.Boolean, ValueKind.Guid,
        ValueKind.DateTime, ValueKind.DateTimeOffset, ValueKind.DateOnly, ValueKind.TimeOnly, ValueKind.TimeSpan,
    ];

    public static ComponentParse<PromptSpec> Parse(IMethodSymbol method, AttributeData attribute, SyntaxNode declaration, Compilation compilation,
        CancellationToken cancellationToken)
    {
        var diagnostics = new List<DiagnosticInfo>();
        var methodLocation = method.Locations.FirstOrDefault();
        var type = ComponentTypeParser.Parse(method.ContainingType, compilation, diagnostics, cancellationToken);

        var explicitName = attribute.ConstructorArguments.Length == 1 ? attribute.ConstructorArguments[0].Value as string : null;
        var name = explicitName ?? ToolNames.FromMethodName(method.Name);
        if (method.IsGenericMethod)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.GenericComponentMethod, methodLocation, "Prompt", name));
        }
        if (method.IsAsync && method.ReturnsVoid)
        {
            var returnLocation = declaration is MethodDeclarationSyntax asyncVoid ? asyncVoid.ReturnType.GetLocation() : methodLocation;
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.AsyncVoidComponent, returnLocation, "Prompt", name));
        }

        var docs = DocComments.For(declaration);
        var parameters = new List<ParameterSpec>();
        foreach (var parameter in method.Parameters)
        {
            if (ParseParameter(parameter, name, docs, diagnostics) is { } spec) parameters.Add(spec);
        }

        var (returns, isAsync) = ClassifyReturn(method.ReturnType, compilation);
        // 'async void' is reported as such above, not a second time as an unsupported return type.
        if (returns is null && !(method.IsAsync && method.ReturnsVoid))
        {
            var returnLocation = declaration is MethodDeclarationSyntax m ? m.ReturnType.GetLocation() : methodLocation;
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedPromptReturnType, returnLocation, name, method.ReturnType.ToDisplayString()));
        }

        var cacheHints = CacheHintsParser.Parse(attribute, "prompt", name, diagnostics, cancellationToken);
        var icons = IconParser.Parse(method, "prompt", name, diagnostics, cancellationToken);
        var prompt = DiagnosticInfo.AnyError(diagnostics) || returns is null ? null : new PromptSpec
        {
            CacheHints = cacheHints,
            Icons = icons,
            Authorization = AuthorizationParser.Parse(method),
            MethodName = method.Name,
            PromptName = name,
            IsStatic = method.IsStatic,
            Title = AttributeArguments.NamedString(attribute, "Title"),
            Description = AttributeArguments.Description(method.GetAttributes()) ?? docs.Summary,
            Parameters = parameters.ToEquatableArray(),
            Return = returns.Value,
            IsAsync = isAsync,
            Order = DeclarationOrders.Of(declaration),
        };
        return new ComponentParse<PromptSpec>(type, prompt, diagnostics.ToEquatableArray());
    }

    private static ParameterSpec? ParseParameter(IParameterSymbol parameter, string promptName, DocComments docs, List<DiagnosticInfo> diagnostics)
    {
        var location = parameter.Locations.FirstOrDefault();
        var name = ParameterParser.EscapedName(parameter);
        var typeName = SupportedTypes.FullName(parameter.Type);
        var display = parameter.Type.ToDisplayString();
        if (ParameterParser.ServerFilled(parameter, name, typeName, allowContext: false) is { } filled)
        {
            return filled;
        }

        var underlying = SupportedTypes.NullableUnderlying(parameter.Type);
        var value = parameter.RefKind == RefKind.None && !parameter.IsParams ? SupportedTypes.ClassifyArgument(underlying ?? parameter.Type) : null;
        if (value is null || !s_argumentKinds.Contains(value.Kind))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedPromptParameter, location, parameter.Name, promptName, display));
            return null;
        }
        ValidationRules.ReportUnchecked(parameter.GetAttributes(), SlotName.Parameter(parameter), "prompts", diagnostics);
        var argument = ParameterParser.ScalarArgument(parameter, name, typeName, value, underlying);
        return argument with
        {
            // A nullable argument may be left out: prompts/list marks it not required.
            DefaultExpression = argument.DefaultExpression ?? (argument.IsNullable ? "null" : null),
            Description = AttributeArguments.Description(parameter.GetAttributes()) ?? docs.Param(parameter.Name),
        };
    }

    private static (PromptReturnKind? Kind, bool IsAsync) ClassifyReturn(ITypeSymbol type, Compilation compilation)
    {
        var isAsync = false;
        if (type is INamedTypeSymbol named
            && (SymbolNames.IsGeneric(named, TypeNames.Task, 1) || SymbolNames.IsGeneric(named, TypeNames.ValueTask, 1)))
        {
            isAsync = true;
            type = named.TypeArguments[0];
        }
        if (type.SpecialType == SpecialType.System_String) return (PromptReturnKind.String, isAsync);
        var message = compilation.GetTypeByMetadataName(TypeNames.PromptMessage);
        var result = compilation.GetTypeByMetadataName(TypeNames.GetPromptResult);
        if (SymbolEqualityComparer.Default.Equals(type, message)) return (PromptReturnKind.Message, isAsync);
        if (SymbolEqualityComparer.Default.Equals(type, result)) return (PromptReturnKind.Result, isAsync);
        var enumerables = type.AllInterfaces.AsEnumerable();
        if (type is INamedTypeSymbol self && self.OriginalDefinition.SpecialType == SpecialType.System_Collections_Generic_IEnumerable_T)
        {
            enumerables = enumerables.Append(self);
        }
        if (message is not null && enumerables.Any(i => i.OriginalDefinition.SpecialType == SpecialType.System_Collections_Generic_IEnumerable_T
                && SymbolEqualityComparer.Default.Equals(i.TypeArguments[0], message)))
        {
            return (PromptReturnKind.Messages, isAsync);
        }
        return (null, isAsync);
    }
}
