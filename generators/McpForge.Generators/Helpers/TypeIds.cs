using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;

namespace McpForge.Generators.Helpers;

/// <summary>
/// Names the generated reader and writer of a type: <c>Read_{Id}</c>, <c>Write_{Id}</c>. The same type always gets
/// the same id, wherever it is parsed, so a tool's binder and the assembly's shared serializers agree without a
/// global pass. A named type is its namespace and name (<c>Shop_Order</c>); arrays and constructed generics add a
/// short hash of their full name (<c>ListOfOrder_1a2b3c4d</c>), since their short form alone could collide.
/// </summary>
internal static class TypeIds
{
    public static string For(ITypeSymbol type, string fullName)
    {
        if (type is INamedTypeSymbol { IsGenericType: false } named && named.TypeKind != TypeKind.Array)
        {
            var parts = new StringBuilder();
            if (named.ContainingNamespace is { IsGlobalNamespace: false } ns)
            {
                parts.Append(Escape(ns.ToDisplayString())).Append('_');
            }
            var chain = new System.Collections.Generic.List<string>();
            for (INamedTypeSymbol? t = named; t is not null; t = t.ContainingType) chain.Insert(0, Escape(t.Name));
            parts.Append(string.Join("_", chain));
            return parts.ToString();
        }
        return Short(type) + "_" + Hash(fullName);
    }

    /// <summary>A readable short form: <c>ListOfOrder</c>, <c>DictionaryOfListOfString</c>, <c>ArrayOfInt32</c>.</summary>
    private static string Short(ITypeSymbol type) => type switch
    {
        IArrayTypeSymbol array => "ArrayOf" + Short(array.ElementType),
        INamedTypeSymbol { IsGenericType: true } generic =>
            generic.Name + "Of" + string.Join("And", generic.TypeArguments.Select(Short)),
        _ => type.Name.Length == 0 ? "Value" : type.Name,
    };

    // '_' separates names, so a '_' inside one is doubled and '.' becomes '_': distinct names stay distinct.
    private static string Escape(string name) => name.Replace("_", "__").Replace('.', '_');

    /// <summary>FNV-1a over the UTF-16 text: stable across runs and machines, unlike string.GetHashCode.</summary>
    private static string Hash(string text)
    {
        var hash = 2166136261u;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 16777619u;
        }
        return hash.ToString("x8", System.Globalization.CultureInfo.InvariantCulture);
    }
}
