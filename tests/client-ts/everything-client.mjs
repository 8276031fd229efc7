// Drives samples/Everything with the official TypeScript SDK client, over Streamable HTTP or stdio, and prints one
// JSON object with what it saw; exits non-zero on any protocol failure.
// Usage: node everything-client.mjs http <url>      |      node everything-client.mjs stdio <command> [args...]
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { CreateMessageRequestSchema, ElicitRequestSchema, ResourceUpdatedNotificationSchema } from "@modelcontextprotocol/sdk/types.js";

const [mode, target, ...rest] = process.argv.slice(2);
const transport = mode === "http"
  ? new StreamableHTTPClientTransport(new URL(target))
  : new StdioClientTransport({ command: target, args: rest, stderr: "pipe" });
const client = new Client({ name: "mcpforge-ts-peer", version: "1.0.0" }, { capabilities: { sampling: {}, elicitation: {} } });
const timeout = setTimeout(() => { console.error("timed out"); process.exit(2); }, 45000);

const seen = { samplingRequests: [], elicitations: [], progressWire: [] };
// What the server wrote for the progress call, in arrival order (progress values, then "result"), recorded where the
// transport hands each message to the SDK: the SDK's onprogress callback can miss the last report when it arrives in the
// same read as the response (typescript-sdk#2580, see modern-client.mjs).
let watchingProgress = false;
transport.onmessage = (message) => {
  if (!watchingProgress) return;
  if (message.method === "notifications/progress") seen.progressWire.push(message.params.progress);
  else if (message.result !== undefined || message.error !== undefined) seen.progressWire.push("result");
};
client.setRequestHandler(CreateMessageRequestSchema, async (request) => {
  seen.samplingRequests.push(request.params.messages[0].content.text);
  return { role: "assistant", content: { type: "text", text: "an answer from TypeScript" }, model: "ts-model", stopReason: "endTurn" };
});
client.setRequestHandler(ElicitRequestSchema, async (request) => {
  seen.elicitations.push(Object.keys(request.params.requestedSchema.properties));
  return { action: "accept", content: { username: "ada", email: "ada@example.com" } };
});

try {
  await client.connect(transport);
  seen.server = client.getServerVersion();
  seen.sessionId = transport.sessionId ?? null;
  seen.tools = (await client.listTools()).tools.map((t) => t.name);
  seen.simpleText = (await client.callTool({ name: "test_simple_text", arguments: {} })).content[0].text;
  const progress = [];
  watchingProgress = true;
  const withProgress = await client.callTool({ name: "test_tool_with_progress", arguments: {} }, undefined,
    { onprogress: (p) => progress.push(p.progress) });
  watchingProgress = false;
  seen.progress = progress;
  seen.progressText = withProgress.content[0].text;
  seen.sampling = (await client.callTool({ name: "test_sampling", arguments: { prompt: "What is MCP?" } })).content[0].text;
  seen.elicitation = (await client.callTool({ name: "test_elicitation", arguments: { message: "Who are you?" } })).content[0].text;
  const error = await client.callTool({ name: "test_error_handling", arguments: {} });
  seen.error = { isError: error.isError, text: error.content[0].text };
  seen.resources = (await client.listResources()).resources.map((r) => r.uri);
  seen.templates = (await client.listResourceTemplates()).resourceTemplates.map((t) => t.uriTemplate);
  seen.staticText = (await client.readResource({ uri: "test://static-text" })).contents[0].text;
  seen.templateRead = (await client.readResource({ uri: "test://template/42/data" })).contents[0].text;
  seen.prompts = (await client.listPrompts()).prompts.map((p) => p.name);
  seen.prompt = (await client.getPrompt({ name: "test_prompt_with_arguments", arguments: { arg1: "a", arg2: "b" } })).messages[0].content.text;
  seen.completion = (await client.complete({ ref: { type: "ref/prompt", name: "test_prompt_with_arguments" }, argument: { name: "arg1", value: "par" } })).completion;
  await client.subscribeResource({ uri: "test://watched-resource" });
  seen.subscribed = true;
  await client.close();
  clearTimeout(timeout);
  console.log(JSON.stringify(seen));
} catch (error) {
  console.error(error?.stack ?? String(error));
  process.exit(1);
}
