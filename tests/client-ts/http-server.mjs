// A Streamable HTTP MCP server on the official TypeScript SDK: the non-McpForge HTTP peer of the mcpforge doctor
// tests. Binds 127.0.0.1 on a free port, prints "listening <url>" once ready, and exits when its stdin closes.
// Usage: node http-server.mjs [--token <secret>] [--tls <cert.pem> <key.pem>] [--no-origin-check] [--no-health]
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import http from "node:http";
import https from "node:https";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import { z } from "zod";

const args = process.argv.slice(2);
const option = (name, count = 1) => {
  const at = args.indexOf(name);
  return at < 0 ? undefined : args.slice(at + 1, at + 1 + count);
};
const token = option("--token")?.[0];
const tls = option("--tls", 2);
const checkOrigin = !args.includes("--no-origin-check");
const health = !args.includes("--no-health");

function createServer() {
  const mcp = new McpServer({ name: "ts-http-fixture", version: "1.0.0" });
  mcp.registerTool("echo", { description: "Echoes the message back.", inputSchema: { message: z.string() } },
    async ({ message }) => ({ content: [{ type: "text", text: message }] }));
  mcp.registerTool("add", { description: "Adds two numbers.", inputSchema: { a: z.number(), b: z.number() } },
    async ({ a, b }) => ({ content: [{ type: "text", text: String(a + b) }] }));
  return mcp;
}

// One SDK transport per session, as the SDK's examples do; a session's requests are answered by its own transport.
const sessions = new Map();
const jsonError = (res, status, code, message) => {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify({ jsonrpc: "2.0", id: null, error: { code, message } }));
};
async function route(req, res) {
  const sessionId = req.headers["mcp-session-id"];
  if (sessionId !== undefined) {
    const transport = sessions.get(sessionId);
    if (transport === undefined) return jsonError(res, 404, -32001, "Session not found");
    return transport.handleRequest(req, res);
  }
  if (req.method !== "POST") return jsonError(res, 400, -32000, "Bad Request: No valid session ID provided");
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  let body;
  try {
    body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
  } catch {
    return jsonError(res, 400, -32700, "Parse error");
  }
  if (body?.method !== "initialize") return jsonError(res, 400, -32000, "Bad Request: No valid session ID provided");
  const transport = new StreamableHTTPServerTransport({
    sessionIdGenerator: () => randomUUID(),
    onsessioninitialized: (id) => sessions.set(id, transport),
    onsessionclosed: (id) => sessions.delete(id),
  });
  await createServer().connect(transport);
  return transport.handleRequest(req, res, body);
}

let origin;
const handler = async (req, res) => {
  const path = new URL(req.url, origin).pathname;
  if (health && req.method === "GET" && path === "/health") {
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ status: "healthy", uptime: process.uptime(), memory: { rss: process.memoryUsage().rss } }));
    return;
  }
  if (path !== "/mcp") {
    res.writeHead(404).end();
    return;
  }
  if (checkOrigin && req.headers.origin !== undefined && req.headers.origin !== origin) {
    res.writeHead(403, { "content-type": "application/json" });
    res.end(JSON.stringify({ jsonrpc: "2.0", id: null, error: { code: -32000, message: "Forbidden origin" } }));
    return;
  }
  if (token !== undefined && req.headers.authorization !== `Bearer ${token}`) {
    res.writeHead(401, { "www-authenticate": `Bearer resource_metadata="${origin}/.well-known/oauth-protected-resource"` });
    res.end();
    return;
  }
  await route(req, res);
};

const server = tls
  ? https.createServer({ cert: readFileSync(tls[0]), key: readFileSync(tls[1]) }, handler)
  : http.createServer(handler);
server.listen(0, "127.0.0.1", () => {
  origin = `${tls ? "https" : "http"}://127.0.0.1:${server.address().port}`;
  console.log(`listening ${origin}/mcp`);
});
process.stdin.on("end", () => process.exit(0));
process.stdin.resume();
