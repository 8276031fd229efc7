// Drives samples/Everything with the official TypeScript SDK v2 client (@modelcontextprotocol/client), pinned to protocol
// revision 2026-07-28 (no fallback to initialize), over Streamable HTTP or stdio. Prints one JSON object with what it
// saw, including every message the client sent (so the test can prove no initialize left it) and, over HTTP, the
// headers of every POST and the session header of every answer. Exits non-zero on any protocol failure.
// Usage: node modern-client.mjs http <url>      |      node modern-client.mjs stdio <command> [args...]
import { Client, StreamableHTTPClientTransport } from "@modelcontextprotocol/client";
import { StdioClientTransport } from "@modelcontextprotocol/client/stdio";

const [mode, target, ...rest] = process.argv.slice(2);
const seen = { sent: [], http: [], elicitations: [], samplingRequests: [], progress: [], progressWire: [] };
const timeout = setTimeout(() => { console.error("timed out"); process.exit(2); }, 45000);

// Over HTTP every exchange goes through this fetch: the request's MCP headers and the answer's session header.
const recordingFetch = async (url, init) => {
  const headers = new Headers(init?.headers);
  const exchange = {
    httpMethod: init?.method ?? "GET",
    version: headers.get("mcp-protocol-version"),
    method: headers.get("mcp-method"),
    name: headers.get("mcp-name"),
    sessionSent: headers.get("mcp-session-id"),
    params: [...headers.keys()].filter((h) => h.startsWith("mcp-param-")).map((h) => [h, headers.get(h)]),
  };
  const response = await fetch(url, init);
  exchange.status = response.status;
  exchange.sessionReceived = response.headers.get("mcp-session-id");
  seen.http.push(exchange);
  return response;
};

// A subclass of the stdio transport: the SDK then sends its server/discover probe on this very pipe (the base class would
// probe on a sibling process), so the hook below sees every message the server process received.
class InPlaceStdioClientTransport extends StdioClientTransport {}
const transport = mode === "http"
  ? new StreamableHTTPClientTransport(new URL(target), { fetch: recordingFetch })
  : new InPlaceStdioClientTransport({ command: target, args: rest, stderr: "pipe" });
// Every JSON-RPC message the client sends, whatever the transport.
const send = transport.send.bind(transport);
transport.send = (message, options) => {
  seen.sent.push(message.method ?? (message.result !== undefined || message.error !== undefined ? "response" : "?"));
  return send(message, options);
};

// What the server wrote for the progress call, in arrival order (progress values, then "result"), recorded where the
// transport hands each message to the SDK. The SDK's own onprogress callback can miss the last report: it runs
// notification handlers a microtask late but retires the call's progress handler as soon as the response is handled, so a
// report that reaches the client in the same read as the response is dropped (typescript-sdk#2580, a client race a server
// cannot avoid). The wire order is what the server controls, and the test asserts it whole.
let watchingProgress = false;
transport.onmessage = (message) => {
  if (!watchingProgress) return;
  if (message.method === "notifications/progress") seen.progressWire.push(message.params.progress);
  else if (message.result !== undefined || message.error !== undefined) seen.progressWire.push("result");
};

const client = new Client({ name: "mcpforge-ts-v2", version: "2.0.0" }, {
  capabilities: { sampling: {}, elicitation: {} },
  versionNegotiation: { mode: { pin: "2026-07-28" } },
});
client.setRequestHandler("elicitation/create", async (request) => {
  const properties = Object.keys(request.params.requestedSchema?.properties ?? {});
  seen.elicitations.push({ message: request.params.message, properties });
  const content = properties.includes("username") ? { username: "ada", email: "ada@example.com" } : { name: "Alice" };
  return { action: "accept", content };
});
client.setRequestHandler("sampling/createMessage", async (request) => {
  seen.samplingRequests.push(request.params.messages[0].content.text);
  return { role: "assistant", content: { type: "text", text: "Paris" }, model: "ts-v2-model", stopReason: "endTurn" };
});

const text = (result) => result.content[0].text;

try {
  await client.connect(transport);
  seen.negotiated = client.getNegotiatedProtocolVersion() ?? null;
  seen.era = client.getProtocolEra() ?? null;
  const discover = client.getDiscoverResult();
  seen.discover = discover ? { supportedVersions: discover.supportedVersions, capabilities: Object.keys(discover.capabilities ?? {}).sort() } : null;
  seen.server = client.getServerVersion() ?? null;
  seen.tools = (await client.listTools()).tools.map((t) => t.name);
  seen.prompts = (await client.listPrompts()).prompts.map((p) => p.name);
  seen.resources = (await client.listResources()).resources.map((r) => r.uri);
  watchingProgress = true;
  const withProgress = await client.callTool({ name: "test_tool_with_progress", arguments: {} },
    { onprogress: (p) => seen.progress.push(p.progress) });
  watchingProgress = false;
  seen.progressText = text(withProgress);
  seen.prompt = (await client.getPrompt({ name: "test_prompt_with_arguments", arguments: { arg1: "a", arg2: "b" } })).messages[0].content.text;
  seen.staticText = (await client.readResource({ uri: "test://static-text" })).contents[0].text;
  seen.inputElicitation = text(await client.callTool({ name: "test_input_required_result_elicitation", arguments: {} }));
  seen.inputSampling = text(await client.callTool({ name: "test_input_required_result_sampling", arguments: {} }));
  seen.elicitation = text(await client.callTool({ name: "test_elicitation", arguments: { message: "Who are you?" } }));
  seen.sampling = text(await client.callTool({ name: "test_sampling", arguments: { prompt: "What is MCP?" } }));
  seen.region = text(await client.callTool({ name: "test_x_mcp_header", arguments: { region: "eu-west" } }));
  // subscriptions/listen: the acknowledgment's honoured filter, then a tool-list change made by another request.
  let changed;
  const toolsChanged = new Promise((resolve) => { changed = resolve; });
  client.setNotificationHandler("notifications/tools/list_changed", (notification) => changed(notification.params ?? {}));
  const subscription = await client.listen({ toolsListChanged: true });
  seen.honoredFilter = subscription.honoredFilter;
  seen.trigger = text(await client.callTool({ name: "test_trigger_tool_change", arguments: {} }));
  const notification = await toolsChanged;
  seen.listChangedSubscriptionId = notification._meta?.["io.modelcontextprotocol/subscriptionId"] ?? null;
  await subscription.close();
  seen.subscriptionClosed = await subscription.closed;
  seen.negotiatedAtEnd = client.getNegotiatedProtocolVersion() ?? null;
  await client.close();
  clearTimeout(timeout);
  console.log(JSON.stringify(seen));
} catch (error) {
  console.error(error?.stack ?? String(error));
  console.error(JSON.stringify(seen));
  process.exit(1);
}
