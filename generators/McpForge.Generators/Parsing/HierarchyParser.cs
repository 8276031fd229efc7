using System.Collections.Generic;
using System.Linq;
using System.Threading;
using McpForge.Generators.Helpers;
using McpForge.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace McpForge.Generators.Parsing;

/// <summary>Describes where a type generated code extends is declared: its namespace and the types around it.</summary>
internal static class HierarchyParser
{
    /// <summary>Every declaration of <paramref name="type"/> has the <c>partial</c> modifier, so generated code may add to it.</summary>
    public static bool IsPartial(INamedTypeSymbol type, CancellationToken cancellationToken) =>
        type.DeclaringSyntaxReferences.Length > 0
        && type.DeclaringSyntaxReferences.All(r =>
            r.GetSyntax(cancellationToken) is TypeDeclarationSyntax declaration
            && declaration.Modifiers.Any(SyntaxKind.PartialKeyword));

    /// <summary>The hierarchy of <paramref name="type"/>, which the caller has checked to be partial and not generic, with its containing types.</summary>
    public static HierarchyInfo Parse(INamedTypeSymbol type)
    {
        var chain = new List<TypeDeclarationInfo>();
        for (var current = type; current is not null; current = current.ContainingType)
        {
            chain.Insert(0, new TypeDeclarationInfo(Keyword(current), current.Name));
        }
        var ns = type.ContainingNamespace is { IsGlobalNamespace: false } n ? n.ToDisplayString() : string.Empty;
        return new HierarchyInfo
        {
            Namespace = ns,
            Types = chain.ToEquatableArray(),
            FullyQualifiedName = SupportedTypes.FullName(type),
            HintName = (ns.Length > 0 ? ns + "." : string.Empty) + string.Join(".", chain.Select(t => t.Name)),
        };
    }

    private static string Keyword(INamedTypeSymbol type) =>
        (type.IsRecord, type.TypeKind) switch
        {
            (true, TypeKind.Struct) => "record struct",
            (true, _) => "record",
            (false, TypeKind.Struct) => "struct",
            (false, TypeKind.Interface) => "interface",
            _ => "class",
        };
}
