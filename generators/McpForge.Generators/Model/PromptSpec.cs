using System.Diagnostics;
using McpForge.Generators.Helpers;

namespace McpForge.Generators.Model;

/// <summary>How a prompt method's return value becomes a <c>GetPromptResult</c>.</summary>
internal enum PromptReturnKind
{
    /// <summary><c>string</c>: one user message.</summary>
    String,
    /// <summary>One <c>PromptMessage</c>.</summary>
    Message,
    /// <summary>Any <c>IEnumerable&lt;PromptMessage&gt;</c>.</summary>
    Messages,
    /// <summary>A full <c>GetPromptResult</c>.</summary>
    Result,
}

/// <summary>One <c>[McpPrompt]</c> method.</summary>
/// <remarks>Cache contract: equal by value; holds no symbols or syntax.</remarks>
[DebuggerDisplay("{PromptName} = {MethodName}")]
internal sealed record PromptSpec
{
    public required string MethodName { get; init; }
    public required string PromptName { get; init; }
    public required bool IsStatic { get; init; }
    /// <summary>Its own cache hints (<c>CacheTtlMs</c>, <c>CacheScope</c>); null: the server's defaults.</summary>
    public CacheHintsSpec? CacheHints { get; init; }

    /// <summary>Its icons (<c>[McpIcon]</c>), in declaration order.</summary>
    public EquatableArray<IconSpec> Icons { get; init; } = EquatableArray<IconSpec>.Empty;

    public string? Title { get; init; }
    public string? Description { get; init; }

    /// <summary>Arguments are <see cref="ParameterKind.Argument"/> parameters of scalar kinds, parsed from strings.</summary>
    public required EquatableArray<ParameterSpec> Parameters { get; init; }

    public required PromptReturnKind Return { get; init; }
    public required bool IsAsync { get; init; }
    /// <summary>Who may use it (<c>[McpAuthorize]</c> on the method, else on its class); null: anyone.</summary>
    public AuthorizationSpec? Authorization { get; init; }

    /// <summary>Its place among the class's components, for a stable order that no edit of a body or comment moves.</summary>
    public required DeclarationOrder Order { get; init; }
}
