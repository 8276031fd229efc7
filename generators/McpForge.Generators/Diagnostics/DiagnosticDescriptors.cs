using Microsoft.CodeAnalysis;

namespace McpForge.Generators.Diagnostics;

/// <summary>
/// Every diagnostic McpForge reports, in one catalog. Each ID has a page at docs/diagnostics/&lt;ID&gt;.md that its
/// help link opens; AnalyzerReleases.Unshipped.md lists them (RS2008 is enforced).
/// </summary>
internal static class DiagnosticDescriptors
{
    private const string Category = "McpForge";
    private const string HelpLinkBase = "https://github.com/mcpforge/mcpforge/blob/main/docs/diagnostics/";

    public const string UnsupportedParameterTypeId = "MCPF0001";
    public const string UnsupportedReturnTypeId = "MCPF0002";
    public const string ToolTypeNotPartialId = "MCPF0003";
    public const string InvalidToolTypeId = "MCPF0004";
    public const string InvalidToolNameId = "MCPF0005";
    public const string UnsupportedMethodShapeId = "MCPF0006";

    public static readonly DiagnosticDescriptor UnsupportedParameterType = Create(
        UnsupportedParameterTypeId,
        "Unsupported tool parameter type",
        "Parameter '{0}' of tool '{1}' has type '{2}', which McpForge cannot bind from JSON arguments; use a supported type, or mark it [FromServices] if it is a service",
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor UnsupportedReturnType = Create(
        UnsupportedReturnTypeId,
        "Unsupported tool return type",
        "Tool '{0}' returns '{1}', which McpForge cannot write as a tool result; return a string, a primitive, content blocks or a CallToolResult",
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor ToolTypeNotPartial = Create(
        ToolTypeNotPartialId,
        "Tool class must be partial",
        "Type '{0}' declares MCP tools but is not partial; add the 'partial' modifier so McpForge can generate its tool table",
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor InvalidToolType = Create(
        InvalidToolTypeId,
        "Tool class must be a non-static, non-generic class",
        "Type '{0}' declares MCP tools but is {1}; declare tools in a non-generic, non-static partial class",
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor InvalidToolName = Create(
        InvalidToolNameId,
        "Invalid tool name",
        "Tool name '{0}' is invalid; a tool name is 1 to 128 characters of A-Z, a-z, 0-9, '_', '-' and '.'",
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor UnsupportedMethodShape = Create(
        UnsupportedMethodShapeId,
        "Unsupported tool method",
        "Method '{0}' cannot be an MCP tool: {1}",
        DiagnosticSeverity.Error);

    private static DiagnosticDescriptor Create(string id, string title, string message, DiagnosticSeverity severity) =>
        new(id, title, message, Category, severity, isEnabledByDefault: true, helpLinkUri: HelpLinkBase + id + ".md");
}
