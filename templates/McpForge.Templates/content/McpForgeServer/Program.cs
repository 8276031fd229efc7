#if (UseHttp)
using McpForge;
using McpForge.AspNetCore;

// A Streamable HTTP MCP server at /mcp, health at /health. It listens on 127.0.0.1:3001 unless told otherwise
// (--urls, or ASPNETCORE_URLS): a local server should not be reachable from other machines.
var builder = WebApplication.CreateSlimBuilder(args);
if (builder.Configuration["urls"] is null) builder.WebHost.UseUrls("http://127.0.0.1:3001");
builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
builder.Services.AddMcpServer("mcpforge-server-name", "1.0.0", mcp => mcp.AddGeneratedComponents());

var app = builder.Build();
app.MapMcp("/mcp");
app.MapMcpHealth("/health");
app.Run();
#else
using McpForge;

// A stdio MCP server. stdout carries JSON-RPC only: log to stderr (Console.Error), never to Console.Out.
await McpServer.CreateBuilder("mcpforge-server-name", "1.0.0")
    .AddGeneratedComponents()
    .Build()
    .RunStdioAsync();
#endif
