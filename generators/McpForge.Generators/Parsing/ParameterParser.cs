using System.Linq;
using McpForge.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace McpForge.Generators.Parsing;

/// <summary>The parameter rules every component kind shares: its C# name, what the server fills, and scalar string arguments.</summary>
internal static class ParameterParser
{
    /// <summary>The parameter's name as C# writes it: escaped with <c>@</c> where it is a keyword.</summary>
    public static string EscapedName(IParameterSymbol parameter) =>
        SyntaxFacts.GetKeywordKind(parameter.Name) != SyntaxKind.None ? "@" + parameter.Name : parameter.Name;

    /// <summary>
    /// A scalar argument of a prompt or a resource template, which the protocol sends as a string and generated code
    /// converts. A <c>Nullable&lt;T&gt;</c> or nullable reference parameter may be absent; <c>Nullable&lt;T&gt;</c>
    /// already displays as <c>T?</c>, a nullable reference type needs its annotation added.
    /// </summary>
    public static ParameterSpec ScalarArgument(IParameterSymbol parameter, string name, string typeName, ValueSpec value, ITypeSymbol? underlying)
    {
        var nullable = underlying is not null || (parameter.Type.IsReferenceType && parameter.NullableAnnotation == NullableAnnotation.Annotated);
        return new ParameterSpec
        {
            Name = name,
            JsonName = parameter.Name,
            Kind = ParameterKind.Argument,
            TypeName = typeName + (nullable && underlying is null ? "?" : string.Empty),
            Value = value,
            IsNullable = nullable,
            DefaultExpression = parameter.HasExplicitDefaultValue ? DefaultValues.Of(parameter, value).Expression : null,
        };
    }

    /// <summary>
    /// A parameter the server fills rather than the client: <c>CancellationToken</c>, <c>IServiceProvider</c>, a
    /// <c>[FromServices]</c> service, and for tools <c>McpContext</c>. Null for an argument.
    /// </summary>
    public static ParameterSpec? ServerFilled(IParameterSymbol parameter, string name, string typeName, bool allowContext)
    {
        if (parameter.RefKind != RefKind.None || parameter.IsParams) return null;
        ParameterSpec Special(ParameterKind kind) => new() { Name = name, JsonName = parameter.Name, Kind = kind, TypeName = typeName };
        var type = parameter.Type;
        if (SymbolNames.Is(type, TypeNames.CancellationToken)) return Special(ParameterKind.CancellationToken);
        if (allowContext && SymbolNames.Is(type, TypeNames.McpContext)) return Special(ParameterKind.Context);
        if (SymbolNames.Is(type, TypeNames.IServiceProvider)) return Special(ParameterKind.ServiceProvider);
        return parameter.GetAttributes().Any(a => SymbolNames.IsAttribute(a, TypeNames.FromServicesAttribute))
            ? Special(ParameterKind.Service)
            : null;
    }
}
