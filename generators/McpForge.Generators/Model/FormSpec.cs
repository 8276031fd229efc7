using System.Diagnostics;
using McpForge.Generators.Helpers;

namespace McpForge.Generators.Model;

/// <summary>
/// An <c>[McpElicitationForm]</c> type: where it is declared, its members (as the shared serializers read them), and
/// how titled choices are written.
/// </summary>
/// <remarks>Cache contract: equal by value; holds no symbols or syntax.</remarks>
[DebuggerDisplay("{Object.TypeName}")]
internal sealed record FormSpec
{
    public required HierarchyInfo Hierarchy { get; init; }

    /// <summary>The form type itself: a flat object of primitive members.</summary>
    public required ObjectSpec Object { get; init; }

    /// <summary>Titled single choices in the legacy <c>enum</c> + <c>enumNames</c> shape instead of <c>oneOf</c>.</summary>
    public required bool LegacyEnumNames { get; init; }
}
