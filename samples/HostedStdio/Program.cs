using System;
using HostedStdio;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

// A stdio MCP server under the Generic Host: the same AddMcpServer as over HTTP, served over stdin/stdout by a hosted
// service. Options come from the "McpForge" section (appsettings.json, or McpForge__ToolTimeout=00:01:00), logs go to
// stderr, and SIGTERM lets calls in progress finish within McpForge:ShutdownTimeout.
var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
{
    Args = args,
    // MCP hosts start servers from any folder: look for appsettings.json next to the binary, not in the working directory.
    ContentRootPath = AppContext.BaseDirectory,
});
builder.Services.AddSingleton<NoteStore>();
builder.Services.AddMcpServer("hosted-notes", "1.0.0", mcp => mcp.AddTools<NoteTools>());
builder.Services.AddMcpStdioTransport();
await builder.Build().RunAsync();
