using System.Diagnostics;

namespace McpForge.Generators.Model;

/// <summary>How a method parameter is filled.</summary>
internal enum ParameterKind
{
    /// <summary>From the call's <c>arguments</c>; part of the input schema.</summary>
    Argument,
    /// <summary>The call's cancellation token.</summary>
    CancellationToken,
    /// <summary>The call's <c>McpContext</c>.</summary>
    Context,
    /// <summary>The server's <c>IServiceProvider</c>.</summary>
    ServiceProvider,
    /// <summary>A service resolved from the server's <c>IServiceProvider</c> (<c>[FromServices]</c>).</summary>
    Service,
}

/// <summary>One parameter of a tool method.</summary>
/// <remarks>Cache contract: equal by value; holds no symbols or syntax.</remarks>
[DebuggerDisplay("{Name}: {Kind}")]
internal sealed record ParameterSpec
{
    /// <summary>The C# parameter name (escaped with <c>@</c> where it is a keyword).</summary>
    public required string Name { get; init; }

    /// <summary>The argument's name on the wire.</summary>
    public required string JsonName { get; init; }

    public required ParameterKind Kind { get; init; }

    /// <summary>The parameter's <c>global::</c>-qualified type, with <c>?</c> where nullable.</summary>
    public required string TypeName { get; init; }

    /// <summary>The argument's shape; null for non-argument parameters.</summary>
    public ValueSpec? Value { get; init; }

    /// <summary>The argument accepts <c>null</c> (a nullable reference or <c>Nullable&lt;T&gt;</c>).</summary>
    public bool IsNullable { get; init; }

    /// <summary>The C# default value expression, when the parameter is optional.</summary>
    public string? DefaultExpression { get; init; }

    /// <summary>The default value as JSON, for the schema's <c>default</c>; null when it has none worth showing.</summary>
    public string? DefaultJson { get; init; }

    public string? Description { get; init; }

    /// <summary>DataAnnotations constraints, for the schema and generated validation; null when there are none.</summary>
    public ConstraintSpec? Constraints { get; init; }

    /// <summary>The <c>Mcp-Param-</c> header the argument is mirrored in (<c>[McpHeader]</c>), for its <c>x-mcp-header</c>; null when none.</summary>
    public string? HeaderName { get; init; }

    public bool IsOptional => DefaultExpression is not null;
}
