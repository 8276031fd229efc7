using System.Diagnostics;
using McpForge.Generators.Helpers;

namespace McpForge.Generators.Model;

/// <summary>One <c>[McpTool]</c> method.</summary>
/// <remarks>Cache contract: equal by value; holds no symbols or syntax.</remarks>
[DebuggerDisplay("{ToolName} = {MethodName}")]
internal sealed record ToolSpec
{
    /// <summary>The C# method name.</summary>
    public required string MethodName { get; init; }

    /// <summary>The MCP tool name.</summary>
    public required string ToolName { get; init; }

    public required bool IsStatic { get; init; }

    /// <summary>Its own cache hints (<c>CacheTtlMs</c>, <c>CacheScope</c>); null: the server's defaults.</summary>
    public CacheHintsSpec? CacheHints { get; init; }

    /// <summary>Its icons (<c>[McpIcon]</c>), in declaration order.</summary>
    public EquatableArray<IconSpec> Icons { get; init; } = EquatableArray<IconSpec>.Empty;

    public string? Title { get; init; }

    public string? Description { get; init; }

    /// <summary>Annotation hints set explicitly on the attribute; unset ones are left to the spec's defaults.</summary>
    public bool? ReadOnlyHint { get; init; }
    public bool? DestructiveHint { get; init; }
    public bool? IdempotentHint { get; init; }
    public bool? OpenWorldHint { get; init; }

    /// <summary>A hand-written input schema (<c>InputSchema</c>), compacted, that replaces the generated one in <c>tools/list</c>.</summary>
    public string? InputSchemaJson { get; init; }

    /// <summary>The tool's own timeout (<c>TimeoutMs</c>), when set above 0.</summary>
    public int? TimeoutMs { get; init; }

    /// <summary>The <c>McpTaskSupport</c> member of <c>TaskSupport</c> (<c>Optional</c>, <c>Required</c>), or null for the default (forbidden).</summary>
    public string? TaskSupport { get; init; }

    public required EquatableArray<ParameterSpec> Parameters { get; init; }

    public required ReturnSpec Return { get; init; }

    /// <summary>Every user type the parameters and result reach, sorted by type name: what the schemas describe and the shared serializers cover.</summary>
    public EquatableArray<ObjectSpec> Types { get; init; } = EquatableArray<ObjectSpec>.Empty;

    /// <summary>Who may use it (<c>[McpAuthorize]</c> on the method, else on its class); null: anyone.</summary>
    public AuthorizationSpec? Authorization { get; init; }

    /// <summary>Its place among the class's components, for a stable order that no edit of a body or comment moves.</summary>
    public required DeclarationOrder Order { get; init; }
}
