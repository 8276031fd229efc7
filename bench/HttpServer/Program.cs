using McpForge;
using McpForge.AspNetCore;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using QuickStart;

// QuickStart's tools over Streamable HTTP, for ../shared/bench/http/compare-http.sh (docs/benchmarks.md):
//   mcpforge-http-bench --urls http://127.0.0.1:PORT [--stateless]
var stateless = System.Array.IndexOf(args, "--stateless") >= 0;
var builder = WebApplication.CreateSlimBuilder(System.Array.FindAll(args, a => a != "--stateless"));
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.Services.AddMcpServer("mcpforge-http-bench", "1.0.0", mcp => mcp.AddTools<QuickStartTools>());
var app = builder.Build();
app.MapMcp("/mcp", http => http.Stateless = stateless);
app.Run();
