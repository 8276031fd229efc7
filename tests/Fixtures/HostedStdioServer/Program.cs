using McpForge;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

var builder = Host.CreateApplicationBuilder(args);
// Scope validation on in every environment: resolving a scoped service from the root fails instead of leaking it.
builder.ConfigureContainer(new DefaultServiceProviderFactory(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true }));
builder.Services.AddSingleton<ScopeLedger>();
builder.Services.AddScoped<UnitOfWork>();
builder.Services.AddScoped<FaultyDisposal>();
builder.Services.AddMcpServer("hosted-fixture", "1.0.0", mcp => mcp.AddTools<StopTools>().AddTools<ScopedTools>());
builder.Services.AddMcpStdioTransport();
var host = builder.Build();
host.Services.GetRequiredService<ILogger<StopTools>>().LogInformation("fixture built its host");
await host.RunAsync();
