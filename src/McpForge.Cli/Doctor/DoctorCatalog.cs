using System.Collections.Generic;

namespace McpForge.Cli.Doctor;

/// <summary>
/// Every check <c>mcpforge doctor</c> runs, in report order. The ids are stable (scripts match on them in
/// <c>--json</c> output); each anchor is a heading of docs/troubleshooting.md (a test keeps them in step).
/// </summary>
internal static class DoctorCatalog
{
    public const string DocsPage = "docs/troubleshooting.md";

    // The process (stdio) or the endpoint (HTTP).
    public static readonly CheckDefinition StdioCommand = new("stdio.command", "The command exists and is executable",
        "Give the full path of the server executable (or `dotnet path/to/Server.dll`), and make it executable (chmod +x).", "the-server-wont-start");
    public static readonly CheckDefinition StdioStarts = new("stdio.starts", "The server starts and keeps running",
        "Run the command by hand and read its stderr: a missing dependency, configuration or argument makes it exit at once.", "the-server-exits-at-once");
    public static readonly CheckDefinition StdioStdout = new("stdio.stdout", "Nothing but JSON-RPC on stdout",
        "Write logs and banners to stderr; in stdio mode stdout carries only JSON-RPC messages, one per line.", "stray-output-on-stdout");
    public static readonly CheckDefinition HttpTls = new("http.tls", "The TLS certificate is valid and not about to expire",
        "Renew the certificate, or serve the full chain for a name the URL uses; check it with `openssl s_client -connect host:port`.", "certificate-failures");
    public static readonly CheckDefinition HttpToken = new("http.token", "The bearer token is current and meant for this server",
        "Get a new token: one that has not expired, from the expected issuer, with this server as its audience.", "token-authentication-failures");
    public static readonly CheckDefinition HttpEndpoint = new("http.endpoint", "The endpoint accepts MCP POSTs",
        "Point --url at the MCP endpoint itself (often /mcp); it must accept POST with Accept: application/json, text/event-stream.", "the-client-cant-connect");
    public static readonly CheckDefinition HttpAuth = new("http.auth", "Requests are authorized",
        "Pass a valid token with --token (or --header 'Authorization: Bearer …'); the 401's WWW-Authenticate header names the authorization server.", "token-authentication-failures");
    public static readonly CheckDefinition HttpSession = new("http.session", "Session ids are issued and enforced",
        "Issue a visible-ASCII Mcp-Session-Id with the initialize response; answer a request without it with 400 and an unknown one with 404.", "session-ids");
    public static readonly CheckDefinition HttpProtocolHeader = new("http.protocol-header", "An unsupported MCP-Protocol-Version header is refused",
        "Answer a request whose MCP-Protocol-Version header names an unsupported revision with 400 Bad Request.", "protocol-version-mismatch");
    public static readonly CheckDefinition HttpOrigin = new("http.origin", "A foreign Origin is rejected",
        "Validate the Origin header and answer 403 to origins you do not serve (DNS rebinding protection); bind local servers to 127.0.0.1.", "origin-validation");
    public static readonly CheckDefinition HttpHealth = new("http.health", "The health endpoint answers",
        "Serve GET /health with 200 and a small JSON status, so load balancers and people can tell the server is up.", "health-checks");

    // The protocol.
    public static readonly CheckDefinition ProtocolInitialize = new("protocol.initialize", "The initialize handshake completes",
        "Answer initialize with protocolVersion, capabilities and serverInfo; see the server's stderr for why it did not.", "the-client-cant-connect");
    public static readonly CheckDefinition ProtocolVersion = new("protocol.version", "The protocol version is one the client speaks",
        "Answer initialize with the client's protocolVersion when you support it, otherwise your newest; update the server's MCP SDK.", "protocol-version-mismatch");
    public static readonly CheckDefinition ProtocolPing = new("protocol.ping", "ping answers with an empty result",
        "Answer ping with {\"result\":{}} at any time, even while other requests run.", "the-client-cant-connect");

    // What the server offers.
    public static readonly CheckDefinition ListTools = new("list.tools", "tools/list completes, every page",
        "Answer tools/list with a tools array; a nextCursor must lead to the next page and the last page must have none.", "lists-and-pagination");
    public static readonly CheckDefinition ListResources = new("list.resources", "resources/list completes, every page",
        "Answer resources/list with a resources array (each with uri and name); follow the same cursor rules as tools/list.", "lists-and-pagination");
    public static readonly CheckDefinition ListResourceTemplates = new("list.resource-templates", "resources/templates/list completes, every page",
        "Answer resources/templates/list with a resourceTemplates array (each with uriTemplate and name).", "lists-and-pagination");
    public static readonly CheckDefinition ListPrompts = new("list.prompts", "prompts/list completes, every page",
        "Answer prompts/list with a prompts array (each with a name; arguments each with a name).", "lists-and-pagination");
    public static readonly CheckDefinition ToolNames = new("tools.names", "Tool names are valid",
        "Name tools with 1 to 128 of A-Z a-z 0-9 _ - . (no spaces); clients refuse or rename other names.", "tool-not-found");
    public static readonly CheckDefinition ToolDescriptions = new("tools.descriptions", "Every tool has a description",
        "Describe every tool: the model picks tools by their descriptions (in McpForge, a doc comment; MCPF0010 reports a missing one).", "tool-descriptions");
    public static readonly CheckDefinition ToolInputSchemas = new("tools.input-schemas", "Input schemas are valid JSON Schema 2020-12",
        "Give every tool an inputSchema that is a JSON Schema 2020-12 object schema (\"type\": \"object\").", "invalid-schemas");
    public static readonly CheckDefinition ToolOutputSchemas = new("tools.output-schemas", "Output schemas are valid JSON Schema 2020-12",
        "Declare an outputSchema (an object schema) for every tool that returns structuredContent, and make it valid 2020-12.", "invalid-schemas");
    public static readonly CheckDefinition DuplicateNames = new("names.duplicates", "No two tools, prompts or resources share a name",
        "Give each tool and prompt a unique name, and each resource a unique URI; clients keep only one of each.", "duplicate-names");

    // Errors.
    public static readonly CheckDefinition ErrorUnknownMethod = new("errors.unknown-method", "An unknown method gives -32601",
        "Answer a request for a method you do not implement with error -32601 (Method not found), data {\"method\": name}.", "method-not-found");
    public static readonly CheckDefinition ErrorParse = new("errors.parse-error", "Malformed JSON gives -32700",
        "Answer a line that is not valid JSON with error -32700 (Parse error) and id null, and keep serving.", "invalid-json-rpc");
    public static readonly CheckDefinition ErrorInvalidRequest = new("errors.invalid-request", "A request without a method gives -32600",
        "Answer a JSON object that is not a valid JSON-RPC request (here: no method) with error -32600 (Invalid Request).", "invalid-json-rpc");

    // Limits.
    public static readonly CheckDefinition LimitsResponseSize = new("limits.response-size", "No response is over the size limit",
        "Paginate long lists and keep results small (the guide's limit is 1 MB); stream or link large resources instead.", "large-responses");
    public static readonly CheckDefinition LimitsLatency = new("limits.latency", "No request is slower than the latency limit",
        "Make slow handlers async, cache, and add timeouts (the guide's limit is 5 s); a client gives up on a silent server.", "slow-responses");
    public static readonly CheckDefinition Memory = new("process.memory", "Memory before and after the checks",
        "If memory keeps growing across requests, look for caches without limits and event handlers that are never removed.", "memory-growth");

    public static IReadOnlyList<CheckDefinition> All { get; } =
    [
        StdioCommand, StdioStarts, StdioStdout,
        HttpTls, HttpToken, HttpEndpoint, HttpAuth, HttpSession, HttpProtocolHeader, HttpOrigin, HttpHealth,
        ProtocolInitialize, ProtocolVersion, ProtocolPing,
        ListTools, ListResources, ListResourceTemplates, ListPrompts,
        ToolNames, ToolDescriptions, ToolInputSchemas, ToolOutputSchemas, DuplicateNames,
        ErrorUnknownMethod, ErrorParse, ErrorInvalidRequest,
        LimitsResponseSize, LimitsLatency, Memory,
    ];
}
