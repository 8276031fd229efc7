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
#elif (UseGenericHost)
using McpForge;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

// A stdio MCP server under the Generic Host. Options come from the "McpForge" section of appsettings.json (or
// McpForge__ToolTimeout=00:00:30 and the like); logs go to stderr, since stdout carries JSON-RPC only; SIGTERM lets
// calls in progress finish within McpForge:ShutdownTimeout. Register services for the tools with builder.Services.
var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
{
    Args = args,
    // MCP hosts start servers from any folder: read appsettings.json next to the binary.
    ContentRootPath = AppContext.BaseDirectory,
});
builder.Services.AddMcpServer("mcpforge-server-name", "1.0.0", mcp => mcp.AddGeneratedComponents());
builder.Services.AddMcpStdioTransport();
await builder.Build().RunAsync();
#else
using McpForge;

// A stdio MCP server. stdout carries JSON-RPC only: log to stderr (Console.Error), never to Console.Out.
// For services, configuration and host logging, create it with --generic-host instead.
await McpServer.CreateBuilder("mcpforge-server-name", "1.0.0")
    .AddGeneratedComponents()
    .Build()
    .RunStdioAsync();
#endif
