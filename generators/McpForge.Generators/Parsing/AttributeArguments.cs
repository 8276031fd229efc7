using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace McpForge.Generators.Parsing;

/// <summary>Reads attributes and their arguments by metadata name, for every parser.</summary>
internal static class AttributeArguments
{
    /// <summary>The first attribute of class <paramref name="metadataName"/> on <paramref name="symbol"/>, or null.</summary>
    public static AttributeData? Find(ISymbol symbol, string metadataName) => Find(symbol.GetAttributes(), metadataName);

    /// <summary>The first attribute of class <paramref name="metadataName"/> among <paramref name="attributes"/>, or null.</summary>
    public static AttributeData? Find(ImmutableArray<AttributeData> attributes, string metadataName)
    {
        // A loop, not LINQ: this runs for every member of every type of every tool on every keystroke.
        foreach (var attribute in attributes)
        {
            if (SymbolNames.IsAttribute(attribute, metadataName)) return attribute;
        }
        return null;
    }

    /// <summary>The value of the named argument <paramref name="name"/> (<c>Title = "…"</c>), or null when it is not set.</summary>
    public static object? Named(AttributeData attribute, string name)
    {
        foreach (var argument in attribute.NamedArguments)
        {
            if (argument.Key == name) return argument.Value.Value;
        }
        return null;
    }

    /// <summary>Where <c>name = …</c> is written in the attribute, or the attribute itself when it cannot be found.</summary>
    public static Location? NamedArgumentLocation(AttributeData attribute, string name, CancellationToken cancellationToken)
    {
        if (attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) is not AttributeSyntax syntax) return null;
        if (syntax.ArgumentList is { } list)
        {
            foreach (var argument in list.Arguments)
            {
                if (argument.NameEquals?.Name.Identifier.Text == name) return argument.GetLocation();
            }
        }
        return syntax.GetLocation();
    }

    public static string? NamedString(AttributeData attribute, string name) => Named(attribute, name) as string;

    public static bool? NamedBool(AttributeData attribute, string name) => Named(attribute, name) is bool value ? value : null;

    /// <summary>The text of a <c>[Description]</c> among <paramref name="attributes"/>, or null.</summary>
    public static string? Description(ImmutableArray<AttributeData> attributes) =>
        Find(attributes, TypeNames.DescriptionAttribute) is { ConstructorArguments.Length: 1 } a ? a.ConstructorArguments[0].Value as string : null;
}
