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
    public const string ComponentTypeNotPartialId = "MCPF0003";
    public const string InvalidComponentTypeId = "MCPF0004";
    public const string InvalidToolNameId = "MCPF0005";
    public const string AsyncVoidComponentId = "MCPF0006";
    public const string UnsupportedParameterKindId = "MCPF0007";
    public const string GenericComponentMethodId = "MCPF0008";
    public const string DuplicateComponentNameId = "MCPF0009";
    public const string MissingDescriptionId = "MCPF0010";
    public const string ConsoleWriteInStdioServerId = "MCPF0011";
    public const string ToolTypeWithoutToolsId = "MCPF0012";
    public const string UnsupportedPromptParameterId = "MCPF0013";
    public const string UnsupportedPromptReturnTypeId = "MCPF0014";
    public const string InvalidUriTemplateId = "MCPF0015";
    public const string TemplateVariableWithoutParameterId = "MCPF0016";
    public const string ParameterWithoutTemplateVariableId = "MCPF0017";
    public const string UnsupportedResourceReturnTypeId = "MCPF0018";
    public const string UnsupportedResourceParameterId = "MCPF0019";
    public const string CompletionForUnknownArgumentId = "MCPF0020";
    public const string InvalidCompletionMethodId = "MCPF0021";
    public const string MisappliedValidationAttributeId = "MCPF0022";
    public const string InvalidInputSchemaId = "MCPF0023";
    public const string UnsupportedFormPropertyId = "MCPF0024";
    public const string InvalidFormTypeId = "MCPF0025";
    public const string UnprotectedDestructiveToolId = "MCPF0026";
    public const string UncheckedValidationAttributeId = "MCPF0027";
    public const string InvalidValidationAttributeId = "MCPF0028";
    public const string UnsupportedHeaderParameterId = "MCPF0029";
    public const string InvalidHeaderNameId = "MCPF0030";
    public const string DuplicateHeaderNameId = "MCPF0031";
    public const string NegativeCacheTtlId = "MCPF0032";
    public const string InvalidIconId = "MCPF0033";
    public const string SynchronousTaskToolId = "MCPF0034";
    public const string InvalidTaskSupportId = "MCPF0035";
    public const string TasksNeverEnabledId = "MCPF0036";

    public static readonly DiagnosticDescriptor UnsupportedParameterType = Create(
        UnsupportedParameterTypeId,
        "Unsupported tool parameter type",
        "Parameter '{0}' of tool '{1}' has type '{2}', which McpForge cannot bind from JSON arguments: {3}; use a supported type, or mark it [FromServices] if it is a service",
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor UnsupportedReturnType = Create(
        UnsupportedReturnTypeId,
        "Unsupported tool return type",
        "Tool '{0}' returns '{1}', which McpForge cannot write as a tool result: {2}; return a string, a primitive, a record, class or collection, content blocks or a CallToolResult",
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor ComponentTypeNotPartial = Create(
        ComponentTypeNotPartialId,
        "Class with MCP components must be partial",
        "Type '{0}' declares MCP tools, prompts, resources or completions but is not partial; add the 'partial' modifier so McpForge can generate their tables",
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor InvalidComponentType = Create(
        InvalidComponentTypeId,
        "Class with MCP components must be a non-static, non-generic class",
        "Type '{0}' declares MCP tools, prompts, resources or completions but is {1}; declare them in a non-generic, non-static partial class",
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor InvalidToolName = Create(
        InvalidToolNameId,
        "Invalid tool name",
        "Tool name '{0}' is invalid; a tool name is 1 to 128 characters of A-Z, a-z, 0-9, '_', '-' and '.'",
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor AsyncVoidComponent = Create(
        AsyncVoidComponentId,
        "Tool, prompt or resource method is async void",
        "{0} '{1}' is 'async void', so its completion and exceptions cannot reach the client; return 'Task' instead",
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor UnsupportedParameterKind = Create(
        UnsupportedParameterKindId,
        "Unsupported tool parameter kind",
        "Parameter '{0}' of tool '{1}' is a {2} parameter, which JSON arguments cannot fill; use a plain parameter",
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor GenericComponentMethod = Create(
        GenericComponentMethodId,
        "Tool, prompt or resource method is generic",
        "{0} '{1}' is a generic method, and a call cannot supply type arguments; declare one method per concrete type",
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor DuplicateComponentName = Create(
        DuplicateComponentNameId,
        "Duplicate tool or prompt name, or resource URI",
        "{2} '{0}' is used by more than one method of '{1}'; names and URIs must be unique within a server",
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor MissingDescription = Create(
        MissingDescriptionId,
        "Tool or prompt has no description",
        "{1} '{0}' has no description; add a <summary> doc comment or [Description] so models and users know what it is for",
        DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor ConsoleWriteInStdioServer = Create(
        ConsoleWriteInStdioServerId,
        "Console output in a stdio server",
        "'{0}' writes to standard output, which carries the JSON-RPC stream of this stdio server; write to Console.Error or log instead",
        DiagnosticSeverity.Warning,
        WellKnownDiagnosticTags.CompilationEnd);

    public static readonly DiagnosticDescriptor UnsupportedPromptParameter = Create(
        UnsupportedPromptParameterId,
        "Unsupported prompt parameter",
        "Parameter '{0}' of prompt '{1}' has type '{2}'; prompt arguments are strings, so a prompt parameter must be a string, an enum, or a number, boolean, UUID, date or time parsed from one",
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor UnsupportedPromptReturnType = Create(
        UnsupportedPromptReturnTypeId,
        "Unsupported prompt return type",
        "Prompt '{0}' returns '{1}'; return a string, a PromptMessage, a list of PromptMessage or a GetPromptResult (optionally in Task or ValueTask)",
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor InvalidUriTemplate = Create(
        InvalidUriTemplateId,
        "Invalid resource URI or URI template",
        "'{0}' is not a valid resource URI or URI template: {1}",
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor TemplateVariableWithoutParameter = Create(
        TemplateVariableWithoutParameterId,
        "URI template variable without a parameter",
        "The variable '{0}' of the URI template of resource '{1}' has no parameter of that name; add a parameter '{0}'",
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor ParameterWithoutTemplateVariable = Create(
        ParameterWithoutTemplateVariableId,
        "Resource parameter without a URI template variable",
        "Parameter '{0}' of resource '{1}' is not a variable of its URI '{2}'; a resource's arguments come only from its URI template",
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor UnsupportedResourceReturnType = Create(
        UnsupportedResourceReturnTypeId,
        "Unsupported resource return type",
        "Resource '{0}' returns '{1}'; return a string, byte[], ReadOnlyMemory<byte>, ResourceContents or a list of ResourceContents (optionally in Task or ValueTask)",
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor UnsupportedResourceParameter = Create(
        UnsupportedResourceParameterId,
        "Unsupported resource parameter",
        "Parameter '{0}' of resource '{1}' has type '{2}'; template variables are strings, so a parameter must be a string, an enum, or a number, boolean, UUID, date or time parsed from one",
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor CompletionForUnknownArgument = Create(
        CompletionForUnknownArgumentId,
        "Completion for an unknown prompt, template or argument",
        "'{0}' has no {1} '{2}' with an argument or variable '{3}' in this class; a completion method completes a prompt or resource template declared beside it",
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor InvalidCompletionMethod = Create(
        InvalidCompletionMethodId,
        "Invalid completion method",
        "Completion method '{0}' cannot be used: {1}",
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor MisappliedValidationAttribute = Create(
        MisappliedValidationAttributeId,
        "Validation attribute on a type it cannot apply to",
        "[{0}] on {1} of type '{2}' can never hold: it applies to {3}",
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor UncheckedValidationAttribute = Create(
        UncheckedValidationAttributeId,
        "Validation attribute McpForge does not check",
        "[{0}] on {1} is not checked by McpForge: {2}; check the value in the method, or remove the attribute",
        DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor InvalidValidationAttribute = Create(
        InvalidValidationAttributeId,
        "Validation attribute that cannot be checked",
        "[{0}] on {1} cannot be checked: {2}",
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor InvalidInputSchema = Create(
        InvalidInputSchemaId,
        "Invalid hand-written input schema",
        "The InputSchema of tool '{0}' cannot be used: {1}",
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor UnprotectedDestructiveTool = Create(
        UnprotectedDestructiveToolId,
        "Destructive tool served over HTTP without authorization",
        "Tool '{0}' is destructive and this project serves it over HTTP without [McpAuthorize]: anyone who can reach the endpoint can call it; require a scope or a policy",
        DiagnosticSeverity.Warning,
        WellKnownDiagnosticTags.CompilationEnd);

    public static readonly DiagnosticDescriptor UnsupportedFormProperty = Create(
        UnsupportedFormPropertyId,
        "Property type not expressible in an elicitation form",
        "Property '{0}' of elicitation form '{1}' has type '{2}', which a form cannot ask for: {3}; use a string, number, boolean, date, enum, or a list of an enum",
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor InvalidFormType = Create(
        InvalidFormTypeId,
        "Invalid elicitation form type",
        "'{0}' cannot be an elicitation form: {1}",
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor ToolTypeWithoutTools = Create(
        ToolTypeWithoutToolsId,
        "Registered type has no tools",
        "'{0}' has no [McpTool] methods, so AddTools<{0}>() would register nothing; mark its tool methods [McpTool] and make the class partial",
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor UnsupportedHeaderParameter = Create(
        UnsupportedHeaderParameterId,
        "[McpHeader] on a parameter a header cannot carry",
        "Parameter '{0}' of tool '{1}' cannot be mirrored in a header: {2}; [McpHeader] takes a string, boolean, enum or integer parameter",
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor InvalidHeaderName = Create(
        InvalidHeaderNameId,
        "Invalid [McpHeader] name",
        "'{0}' cannot name the header of parameter '{1}' of tool '{2}': {3}",
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor DuplicateHeaderName = Create(
        DuplicateHeaderNameId,
        "Two parameters of a tool mirrored in one header",
        "Parameters '{0}' and '{1}' of tool '{2}' are both mirrored in header Mcp-Param-{3} (header names ignore case); give each its own name",
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor NegativeCacheTtl = Create(
        NegativeCacheTtlId,
        "Negative cache lifetime",
        "CacheTtlMs of {0} '{1}' is {2}: a result cannot be cached for a negative time; use 0 (stale at once) or more",
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor InvalidIcon = Create(
        InvalidIconId,
        "Invalid icon",
        "The icon of {0} '{1}' cannot be used: {2}",
        DiagnosticSeverity.Error);
    public static readonly DiagnosticDescriptor SynchronousTaskTool = Create(
        SynchronousTaskToolId,
        "Task support on a synchronous tool",
        "Tool '{0}' returns synchronously, so it ends before it could become a task: TaskSupport = {1} only gives a 2025-11-25 client a task that has already ended; make the method async (Task or ValueTask) or remove TaskSupport",
        DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor InvalidTaskSupport = Create(
        InvalidTaskSupportId,
        "Undefined task support value",
        "Tool '{0}' has TaskSupport = {1}, which is not a member of McpTaskSupport; use Forbidden, Optional or Required",
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor TasksNeverEnabled = Create(
        TasksNeverEnabledId,
        "Task support on a server without tasks",
        "Tool '{0}' may run as a task, but nothing in this project creates McpTaskOptions for McpServerOptions.Tasks: tasks stay off and the tool always runs as an ordinary call",
        DiagnosticSeverity.Warning,
        WellKnownDiagnosticTags.CompilationEnd);

    private static DiagnosticDescriptor Create(string id, string title, string message, DiagnosticSeverity severity, params string[] customTags) =>
        new(id, title, message, Category, severity, isEnabledByDefault: true, helpLinkUri: HelpLinkBase + id + ".md", customTags: customTags);
}
