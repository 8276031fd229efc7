// Drives samples/FileSystem with the official TypeScript SDK client over stdio: tools, resources, templates and
// prompts, plus path-traversal attempts. Prints one JSON object with what it saw; exits non-zero on a protocol
// failure. Usage: node stdio-filesystem.mjs <command> [args...]
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";

const [command, ...args] = process.argv.slice(2);
const transport = new StdioClientTransport({ command, args, stderr: "pipe" });
const client = new Client({ name: "mcpforge-ts-peer", version: "1.0.0" });
const timeout = setTimeout(() => { console.error("timed out"); process.exit(2); }, 30000);
const refused = async (action) => {
  try { await action(); return null; } catch (error) { return { code: error.code, message: error.message }; }
};

try {
  await client.connect(transport);
  const capabilities = client.getServerCapabilities();
  const tools = await client.listTools();
  const listing = await client.callTool({ name: "list_directory", arguments: {} });
  const resources = await client.listResources();
  const templates = await client.listResourceTemplates();
  const readme = await client.readResource({ uri: "files:///docs/readme.md" });
  const prompts = await client.listPrompts();
  const prompt = await client.getPrompt({ name: "summarize_file", arguments: { path: "docs/readme.md", words: "20" } });
  const traversalRead = await refused(() => client.readResource({ uri: "files:///../secret.txt" }));
  const encodedTraversalRead = await refused(() => client.readResource({ uri: "files:///%2e%2e/secret.txt" }));
  const traversalTool = await client.callTool({ name: "list_directory", arguments: { path: "../" } });
  const missing = await refused(() => client.readResource({ uri: "other://x" }));
  console.log(JSON.stringify({
    capabilities: Object.keys(capabilities).sort(),
    tools: tools.tools.map((t) => t.name),
    listing: listing.content[0].text,
    resources: resources.resources.map((r) => r.uri),
    templates: templates.resourceTemplates.map((t) => t.uriTemplate),
    readme: readme.contents[0].text,
    prompts: prompts.prompts.map((p) => p.name),
    promptFirst: prompt.messages[0].content.text,
    promptEmbedded: prompt.messages[1].content.resource.text,
    traversalRead,
    encodedTraversalRead,
    traversalTool: { isError: traversalTool.isError === true, text: traversalTool.content[0].text },
    missing,
  }));
  await client.close();
  clearTimeout(timeout);
} catch (error) {
  console.error(error?.stack ?? String(error));
  process.exit(1);
}
