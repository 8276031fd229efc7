using System;

namespace McpForge;

/// <summary>How the generated serializers name the properties of user types in JSON.</summary>
public enum McpPropertyNaming
{
    /// <summary><c>shipTo</c>, as System.Text.Json's <c>JsonNamingPolicy.CamelCase</c> (the default).</summary>
    CamelCase,
    /// <summary>The C# name as declared: <c>ShipTo</c>.</summary>
    AsDeclared,
    /// <summary><c>ship_to</c>, as <c>JsonNamingPolicy.SnakeCaseLower</c>.</summary>
    SnakeCaseLower,
    /// <summary><c>SHIP_TO</c>, as <c>JsonNamingPolicy.SnakeCaseUpper</c>.</summary>
    SnakeCaseUpper,
    /// <summary><c>ship-to</c>, as <c>JsonNamingPolicy.KebabCaseLower</c>.</summary>
    KebabCaseLower,
    /// <summary><c>SHIP-TO</c>, as <c>JsonNamingPolicy.KebabCaseUpper</c>.</summary>
    KebabCaseUpper,
}

/// <summary>
/// Compile-time options of the serializers McpForge generates for the user types of this assembly's tools. Read by
/// the generator, so names and schemas stay known at build time; <c>[JsonPropertyName]</c> on a property wins over
/// <see cref="PropertyNaming"/>.
/// </summary>
/// <example><code>[assembly: McpSerialization(PropertyNaming = McpPropertyNaming.SnakeCaseLower, JsonContext = typeof(AppJsonContext))]</code></example>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = false)]
public sealed class McpSerializationAttribute : Attribute
{
    /// <summary>How property names of user types are written. Default <see cref="McpPropertyNaming.CamelCase"/>.</summary>
    public McpPropertyNaming PropertyNaming { get; set; }

    /// <summary>
    /// The escape hatch: a System.Text.Json <c>JsonSerializerContext</c> of yours. Every type it lists with
    /// <c>[JsonSerializable(typeof(T))]</c> is read and written through it (its converters, its polymorphism) instead of
    /// by generated code; still AOT-safe, since the context is source-generated. Such values get the schema <c>{}</c>.
    /// </summary>
    public Type? JsonContext { get; set; }
}
