using Microsoft.CodeAnalysis;

namespace McpForge.Generators.Parsing;

/// <summary>
/// Compares a symbol with a namespace-qualified name (<c>System.Threading.CancellationToken</c>) by walking its
/// containers, without the display string a comparison would otherwise build for every attribute and parameter of
/// every tool on every keystroke.
/// </summary>
internal static class SymbolNames
{
    /// <summary>
    /// <paramref name="symbol"/> is the type or namespace <paramref name="fullName"/> (dot-separated, nested types
    /// included, no type arguments: a generic definition matches its name, whatever its arity).
    /// </summary>
    public static bool Is(ISymbol? symbol, string fullName)
    {
        var end = fullName.Length;
        for (var current = symbol; current is not null; current = current.ContainingType ?? (ISymbol?)current.ContainingNamespace)
        {
            if (current is INamespaceSymbol { IsGlobalNamespace: true }) return end == -1;
            var name = current.Name;
            var start = end - name.Length;
            if (start < 0 || string.CompareOrdinal(fullName, start, name, 0, name.Length) != 0) return false;
            if (start > 0 && fullName[start - 1] != '.') return false;
            end = start - 1;
        }
        return false;
    }

    /// <summary><paramref name="attribute"/> is of the class <paramref name="fullName"/>.</summary>
    public static bool IsAttribute(AttributeData attribute, string fullName) => Is(attribute.AttributeClass, fullName);

    /// <summary>
    /// <paramref name="type"/> is a constructed <paramref name="fullName"/> with <paramref name="arity"/> type arguments
    /// (<c>System.Threading.Tasks.Task</c>, 1 for <c>Task&lt;T&gt;</c>).
    /// </summary>
    public static bool IsGeneric(ITypeSymbol? type, string fullName, int arity) =>
        type is INamedTypeSymbol { IsGenericType: true } named && named.Arity == arity && Is(named.OriginalDefinition, fullName);
}
