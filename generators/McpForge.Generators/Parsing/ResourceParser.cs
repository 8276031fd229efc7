using System.Collections.Generic;
using System.Linq;
using System.Threading;
using McpForge.Generators.Diagnostics;
using McpForge.Generators.Helpers;
using McpForge.Generators.Model;
using McpForge.Resources;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace McpForge.Generators.Parsing;

/// <summary>
/// Turns an <c>[McpResource]</c> method into a <see cref="ResourceSpec"/>: splits its URI template at compile time
/// and binds each variable to the parameter of the same name. Compiled into both the generator and the analyzers.
/// </summary>
internal static class ResourceParser
{
    /// <summary>Template variables are strings: these kinds are parsed from them.</summary>
    private static readonly HashSet<ValueKind> s_variableKinds =
    [
        ValueKind.String, ValueKind.Enum, ValueKind.Integer, ValueKind.Number, ValueKind.Boolean, ValueKind.Guid,
        ValueKind.DateTime, ValueKind.DateTimeOffset, ValueKind.DateOnly, ValueKind.TimeOnly, ValueKind.TimeSpan,
    ];

    public static ComponentParse<ResourceSpec> Parse(IMethodSymbol method, AttributeData attribute, SyntaxNode declaration, Compilation compilation,
        CancellationToken cancellationToken)
    {
        var diagnostics = new List<DiagnosticInfo>();
        var methodLocation = method.Locations.FirstOrDefault();
        var type = ComponentTypeParser.Parse(method.ContainingType, compilation, diagnostics, cancellationToken);
        var uri = attribute.ConstructorArguments.Length == 1 ? attribute.ConstructorArguments[0].Value as string ?? string.Empty : string.Empty;
        var name = AttributeArguments.NamedString(attribute, "Name") ?? ToolNames.FromMethodName(method.Name);
        var uriLocation = attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) is AttributeSyntax { ArgumentList.Arguments.Count: > 0 } syntax
            ? syntax.ArgumentList.Arguments[0].GetLocation()
            : methodLocation;

        var parsed = UriTemplateSyntax.TryParse(uri, out var error);
        if (parsed is null)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidUriTemplate, uriLocation, uri, error ?? "it is empty"));
        }
        if (method.IsGenericMethod)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.GenericComponentMethod, methodLocation, "Resource", name));
        }
        if (method.IsAsync && method.ReturnsVoid)
        {
            var returnLocation = declaration is MethodDeclarationSyntax asyncVoid ? asyncVoid.ReturnType.GetLocation() : methodLocation;
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.AsyncVoidComponent, returnLocation, "Resource", name));
        }

        var docs = DocComments.For(declaration);
        var variables = parsed?.Variables ?? [];
        var parameters = new List<ParameterSpec>();
        foreach (var parameter in method.Parameters)
        {
            if (ParseParameter(parameter, name, uri, variables, diagnostics) is { } spec) parameters.Add(spec);
        }
        if (parsed is not null)
        {
            foreach (var variable in variables.Where(v => !method.Parameters.Any(p => p.Name == v)))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.TemplateVariableWithoutParameter, uriLocation, variable, name));
            }
        }

        var (returns, isAsync) = ClassifyReturn(method.ReturnType, compilation);
        // 'async void' is reported as such above, not a second time as an unsupported return type.
        if (returns is null && !(method.IsAsync && method.ReturnsVoid))
        {
            var returnLocation = declaration is MethodDeclarationSyntax m ? m.ReturnType.GetLocation() : methodLocation;
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedResourceReturnType, returnLocation, name, method.ReturnType.ToDisplayString()));
        }

        var kind = parsed is { Variables.Count: > 0 } ? "resource template" : "resource";
        var cacheHints = CacheHintsParser.Parse(attribute, kind, name, diagnostics, cancellationToken);
        var icons = IconParser.Parse(method, kind, name, diagnostics, cancellationToken);
        var resource = DiagnosticInfo.AnyError(diagnostics) || parsed is null || returns is null ? null : new ResourceSpec
        {
            CacheHints = cacheHints,
            Icons = icons,
            Authorization = AuthorizationParser.Parse(method),
            MethodName = method.Name,
            Uri = uri,
            Name = name,
            IsStatic = method.IsStatic,
            Title = AttributeArguments.NamedString(attribute, "Title"),
            Description = AttributeArguments.Description(method.GetAttributes()) ?? docs.Summary,
            MimeType = AttributeArguments.NamedString(attribute, "MimeType"),
            Literals = parsed.Literals.ToEquatableArray(),
            Expressions = parsed.Expressions.Select(e => new TemplateExpressionSpec(e.Operator, e.Names.ToEquatableArray())).ToEquatableArray(),
            Variables = parsed.Variables.ToEquatableArray(),
            Parameters = parameters.ToEquatableArray(),
            Return = returns.Value,
            IsAsync = isAsync,
            Order = DeclarationOrders.Of(declaration),
        };
        return new ComponentParse<ResourceSpec>(type, resource, diagnostics.ToEquatableArray());
    }

    private static ParameterSpec? ParseParameter(IParameterSymbol parameter, string resourceName, string uri, List<string> variables, List<DiagnosticInfo> diagnostics)
    {
        var location = parameter.Locations.FirstOrDefault();
        var name = ParameterParser.EscapedName(parameter);
        var typeName = SupportedTypes.FullName(parameter.Type);
        var display = parameter.Type.ToDisplayString();
        if (ParameterParser.ServerFilled(parameter, name, typeName, allowContext: false) is { } filled)
        {
            return filled;
        }
        if (!variables.Contains(parameter.Name))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ParameterWithoutTemplateVariable, location, parameter.Name, resourceName, uri));
            return null;
        }
        var underlying = SupportedTypes.NullableUnderlying(parameter.Type);
        var value = parameter.RefKind == RefKind.None && !parameter.IsParams
            ? SupportedTypes.ClassifyArgument(underlying ?? parameter.Type)
            : null;
        if (value is null || !s_variableKinds.Contains(value.Kind))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedResourceParameter, location, parameter.Name, resourceName, display));
            return null;
        }
        ValidationRules.ReportUnchecked(parameter.GetAttributes(), SlotName.Parameter(parameter), "resources", diagnostics);
        // A variable of an optional expression ({?q}, {/a}) may be absent; a nullable or defaulted parameter takes that.
        return ParameterParser.ScalarArgument(parameter, name, typeName, value, underlying);
    }

    private static (ResourceReturnKind? Kind, bool IsAsync) ClassifyReturn(ITypeSymbol type, Compilation compilation)
    {
        var isAsync = false;
        if (type is INamedTypeSymbol named
            && (SymbolNames.IsGeneric(named, TypeNames.Task, 1) || SymbolNames.IsGeneric(named, TypeNames.ValueTask, 1)))
        {
            isAsync = true;
            type = named.TypeArguments[0];
        }
        if (type.SpecialType == SpecialType.System_String) return (ResourceReturnKind.Text, isAsync);
        if (type is IArrayTypeSymbol { Rank: 1, ElementType.SpecialType: SpecialType.System_Byte }) return (ResourceReturnKind.Blob, isAsync);
        if (SymbolNames.IsGeneric(type, "System.ReadOnlyMemory", 1) && ((INamedTypeSymbol)type).TypeArguments[0].SpecialType == SpecialType.System_Byte) return (ResourceReturnKind.Blob, isAsync);
        if (SymbolNames.Is(type, "System.IO.FileInfo")) return (ResourceReturnKind.File, isAsync);
        for (var current = type; current is not null; current = current.BaseType)
        {
            if (SymbolNames.Is(current, "System.IO.Stream")) return (ResourceReturnKind.Stream, isAsync);
        }
        var contents = compilation.GetTypeByMetadataName(TypeNames.ResourceContents);
        if (contents is null) return (null, isAsync);
        for (var current = type; current is not null; current = current.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(current, contents)) return (ResourceReturnKind.Contents, isAsync);
        }
        var enumerables = type.AllInterfaces.AsEnumerable();
        if (type is INamedTypeSymbol self && self.OriginalDefinition.SpecialType == SpecialType.System_Collections_Generic_IEnumerable_T)
        {
            enumerables = enumerables.Append(self);
        }
        foreach (var candidate in enumerables)
        {
            if (candidate.OriginalDefinition.SpecialType != SpecialType.System_Collections_Generic_IEnumerable_T) continue;
            for (var current = candidate.TypeArguments[0]; current is not null; current = current.BaseType)
            {
                if (SymbolEqualityComparer.Default.Equals(current, contents)) return (ResourceReturnKind.ContentsList, isAsync);
            }
        }
        return (null, isAsync);
    }
}
