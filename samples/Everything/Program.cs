using System.Linq;
using McpForge;
using McpForge.AspNetCore;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Everything;
using Microsoft.Extensions.Logging;

// Every MCP server feature, and every fixture the official conformance suite asks for
// (npm @modelcontextprotocol/conformance; see docs/conformance.md).
//   dotnet run --project samples/Everything -- --urls http://127.0.0.1:3001   Streamable HTTP at /mcp, health at /health
//   dotnet run --project samples/Everything -- --stdio                        the same server over stdio
// It runs as one instance of a fleet behind a load balancer when McpForge:Redis:Configuration is set (with
// McpForge:Redis:InstanceUrl and McpForge:Redis:ForwardingKey; docs/scale-out.md, eng/scaleout.sh).
const string Name = "mcpforge-everything";
const string Version = "1.0.0";

if (args.Contains("--stdio"))
{
    await McpServer.CreateBuilder(Name, Version).AddEverything().Build().RunStdioAsync();
    return;
}

var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
builder.Services.AddMcpServer(Name, Version, mcp => mcp.AddEverything());
builder.Services.AddMcpRedisScaleOut(builder.Configuration);
var app = builder.Build();
app.MapMcp("/mcp", http => http.RetryInterval = System.TimeSpan.FromMilliseconds(500));
app.MapMcpHealth("/health");
app.Run();
