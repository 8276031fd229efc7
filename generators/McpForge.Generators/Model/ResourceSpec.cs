using System.Diagnostics;
using McpForge.Generators.Helpers;

namespace McpForge.Generators.Model;

/// <summary>How a resource method's return value becomes a <c>ReadResourceResult</c>.</summary>
internal enum ResourceReturnKind
{
    /// <summary><c>string</c>: text contents.</summary>
    Text,
    /// <summary><c>byte[]</c> or <c>ReadOnlyMemory&lt;byte&gt;</c>: blob contents.</summary>
    Blob,
    /// <summary>A <c>Stream</c> (or a subclass): read in chunks straight into the response, then disposed.</summary>
    Stream,
    /// <summary>A <c>FileInfo</c>: its size checked before it is opened, then read as a stream.</summary>
    File,
    /// <summary>One <c>ResourceContents</c> (or a subclass).</summary>
    Contents,
    /// <summary>Any <c>IEnumerable</c> of <c>ResourceContents</c>.</summary>
    ContentsList,
}

/// <summary>One <c>[McpResource]</c> method: a fixed resource, or a URI template split into literals and variables.</summary>
/// <remarks>Cache contract: equal by value; holds no symbols or syntax.</remarks>
[DebuggerDisplay("{Uri} = {MethodName}")]
internal sealed record ResourceSpec
{
    public required string MethodName { get; init; }
    public required string Uri { get; init; }
    public required string Name { get; init; }
    public required bool IsStatic { get; init; }
    /// <summary>Its own cache hints (<c>CacheTtlMs</c>, <c>CacheScope</c>); null: the server's defaults.</summary>
    public CacheHintsSpec? CacheHints { get; init; }

    /// <summary>Its icons (<c>[McpIcon]</c>), in declaration order.</summary>
    public EquatableArray<IconSpec> Icons { get; init; } = EquatableArray<IconSpec>.Empty;

    public string? Title { get; init; }
    public string? Description { get; init; }
    public string? MimeType { get; init; }

    /// <summary>For templates: the literal text around the expressions (one more entry than <see cref="Expressions"/>).</summary>
    public required EquatableArray<string> Literals { get; init; }

    /// <summary>For templates: each expression's operator and variables.</summary>
    public required EquatableArray<TemplateExpressionSpec> Expressions { get; init; }

    /// <summary>For templates: the variable names, in template order.</summary>
    public required EquatableArray<string> Variables { get; init; }

    /// <summary>The parameters; arguments are bound to the variable of the same name.</summary>
    public required EquatableArray<ParameterSpec> Parameters { get; init; }

    public required ResourceReturnKind Return { get; init; }
    public required bool IsAsync { get; init; }
    /// <summary>Who may use it (<c>[McpAuthorize]</c> on the method, else on its class); null: anyone.</summary>
    public AuthorizationSpec? Authorization { get; init; }

    /// <summary>Its place among the class's components, for a stable order that no edit of a body or comment moves.</summary>
    public required DeclarationOrder Order { get; init; }

    public bool IsTemplate => Variables.Count > 0;
}

/// <summary>One expression of a URI template: its RFC 6570 operator (<c>'\0'</c> when simple) and variable names.</summary>
internal sealed record TemplateExpressionSpec(char Operator, EquatableArray<string> Names)
{
    /// <summary>Its variables may be absent from a URI (prefix operators such as <c>{?q}</c>).</summary>
    public bool IsOptional => Operator != '\0' && Operator != '+';
}
