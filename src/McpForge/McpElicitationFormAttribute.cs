using System;

namespace McpForge;

/// <summary>
/// Marks a <c>partial</c> record, class or struct as an elicitation form: the generator implements
/// <see cref="IMcpElicitationForm{TSelf}"/> on it (the restricted, flat <c>requestedSchema</c> of MCP
/// <c>elicitation/create</c>, and a reader of the answer), so <see cref="McpContext.ElicitAsync{T}(string, System.TimeSpan?)"/> can ask the user
/// for one. Each property must be a string, number, boolean, date, enum, or a list or set of an enum (MCPF0024).
/// </summary>
/// <remarks>
/// Enum members titled with <c>[Description]</c> give titled choices (<c>oneOf</c>/<c>anyOf</c> of <c>const</c> and
/// <c>title</c>); defaults come from property initializers, constructor parameter defaults or <c>[DefaultValue]</c>.
/// </remarks>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, AllowMultiple = false, Inherited = false)]
public sealed class McpElicitationFormAttribute : Attribute
{
    /// <summary>
    /// Writes titled single-choice enums in the legacy shape (<c>enum</c> with <c>enumNames</c>) that clients from
    /// before MCP 2025-11-25 understand, instead of <c>oneOf</c>.
    /// </summary>
    public bool LegacyEnumNames { get; set; }
}
