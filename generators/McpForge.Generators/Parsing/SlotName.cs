using Microsoft.CodeAnalysis;

namespace McpForge.Generators.Parsing;

/// <summary>
/// A parameter or member as a diagnostic names it (<c>parameter 'days'</c>, <c>property 'Order.Lines'</c>), made into
/// text only when a diagnostic is reported: most slots have nothing to report, and the name of a member's type costs a
/// display string.
/// </summary>
internal readonly struct SlotName
{
    private readonly ISymbol _symbol;
    private readonly ITypeSymbol? _owner;

    private SlotName(ISymbol symbol, ITypeSymbol? owner)
    {
        _symbol = symbol;
        _owner = owner;
    }

    public static SlotName Parameter(IParameterSymbol parameter) => new(parameter, null);

    /// <summary>A property of <paramref name="owner"/> (which may have inherited it).</summary>
    public static SlotName Property(IPropertySymbol property, ITypeSymbol owner) => new(property, owner);

    public override string ToString() => _owner is null
        ? $"parameter '{_symbol.Name}'"
        : $"property '{_owner.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat)}.{_symbol.Name}'";
}
