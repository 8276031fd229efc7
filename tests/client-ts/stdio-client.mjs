// Connects the official TypeScript SDK client to an MCP server over stdio and exercises the QuickStart
// contract: initialize, tools/list, echo, add, countdown with progress, and a tool error. Prints one JSON
// object with what it saw; exits non-zero on any protocol failure. Usage: node stdio-client.mjs <command> [args...]
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { ProgressNotificationSchema } from "@modelcontextprotocol/sdk/types.js";

const [command, ...args] = process.argv.slice(2);
const transport = new StdioClientTransport({ command, args, stderr: "pipe" });
const client = new Client({ name: "mcpforge-ts-peer", version: "1.0.0" });
const timeout = setTimeout(() => { console.error("timed out"); process.exit(2); }, 30000);

try {
  await client.connect(transport);
  const tools = await client.listTools();
  const echo = await client.callTool({ name: "echo", arguments: { message: "from TypeScript" } });
  const add = await client.callTool({ name: "add", arguments: { a: 40, b: 2 } });
  // Progress is read from the notifications themselves: the SDK runs notification handlers a microtask later
  // but drops a request's onprogress callback as soon as its response arrives, so progress that reaches the
  // client in the same read as the result (as under load, when the server's writer batches them) would be lost.
  const progress = [];
  client.setNotificationHandler(ProgressNotificationSchema, (n) => progress.push(n.params.progress));
  const countdown = await client.callTool(
    { name: "countdown", arguments: { from: 3, delayMs: 5 } },
    undefined,
    { onprogress: () => {} }); // still needed: it makes the SDK send a progressToken
  const invalid = await client.callTool({ name: "add", arguments: { a: "x" } });
  let unknown;
  try {
    await client.callTool({ name: "missing", arguments: {} });
  } catch (error) {
    unknown = { code: error.code, message: error.message };
  }
  console.log(JSON.stringify({
    server: client.getServerVersion(),
    tools: tools.tools.map((t) => t.name),
    echo: echo.content[0].text,
    add: add.content[0].text,
    countdown: countdown.content[0].text,
    progress,
    invalidIsError: invalid.isError === true,
    invalidText: invalid.content[0].text,
    unknown,
  }));
  await client.close();
  clearTimeout(timeout);
} catch (error) {
  console.error(error?.stack ?? String(error));
  process.exit(1);
}
