using McpForge;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

var builder = Host.CreateApplicationBuilder(args);
builder.Services.AddMcpServer("hosted-fixture", "1.0.0", mcp => mcp.AddTools<StopTools>());
builder.Services.AddMcpStdioTransport();
var host = builder.Build();
host.Services.GetRequiredService<ILogger<StopTools>>().LogInformation("fixture built its host");
await host.RunAsync();
