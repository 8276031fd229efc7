using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace McpForge.Generators.Parsing;

/// <summary>
/// What <c>[assembly: McpSerialization(...)]</c> says: the property naming policy, and the user's
/// <c>JsonSerializerContext</c> with the types it serializes in place of generated code (the escape hatch).
/// </summary>
internal sealed class SerializationOptions
{
    private SerializationOptions(int naming, string? contextTypeName, HashSet<string> contextTypes)
    {
        Naming = naming;
        ContextTypeName = contextTypeName;
        ContextTypes = contextTypes;
    }

    /// <summary>No attribute: camelCase names, no context.</summary>
    public static readonly SerializationOptions None = new(0, null, new HashSet<string>(System.StringComparer.Ordinal));

    /// <summary>A <c>McpPropertyNaming</c> value (see <c>Helpers.JsonNaming</c>).</summary>
    public int Naming { get; }

    /// <summary>The context's <c>global::</c>-qualified name, or null without one.</summary>
    public string? ContextTypeName { get; }

    /// <summary>The types the context lists with <c>[JsonSerializable(typeof(T))]</c>, as <see cref="SupportedTypes.MatchName"/> writes them.</summary>
    public HashSet<string> ContextTypes { get; }

    public static SerializationOptions For(Compilation compilation)
    {
        var naming = 0;
        INamedTypeSymbol? context = null;
        foreach (var attribute in compilation.Assembly.GetAttributes())
        {
            if (!SymbolNames.IsAttribute(attribute, TypeNames.McpSerializationAttribute)) continue;
            foreach (var argument in attribute.NamedArguments)
            {
                if (argument.Key == "PropertyNaming" && argument.Value.Value is int policy) naming = policy;
                if (argument.Key == "JsonContext" && argument.Value.Value is INamedTypeSymbol type) context = type;
            }
        }
        var types = new HashSet<string>(System.StringComparer.Ordinal);
        if (context is not null)
        {
            foreach (var attribute in context.GetAttributes().Where(a => SymbolNames.IsAttribute(a, TypeNames.JsonSerializableAttribute)))
            {
                if (attribute.ConstructorArguments.Length > 0 && attribute.ConstructorArguments[0].Value is ITypeSymbol listed)
                {
                    types.Add(SupportedTypes.MatchName(listed));
                }
            }
        }
        return new SerializationOptions(naming, context is null ? null : SupportedTypes.FullName(context), types);
    }
}
