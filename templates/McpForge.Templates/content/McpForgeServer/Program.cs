using McpForge;
using McpForgeServer;

// A stdio MCP server. stdout carries JSON-RPC only: log to stderr (Console.Error), never to Console.Out.
await McpServer.CreateBuilder("mcpforge-server-name", "1.0.0")
    .AddGeneratedComponents()
    .Build()
    .RunStdioAsync();
