using McpForge;
using QuickStart;

// A stdio MCP server: run it with `dotnet run --project samples/QuickStart`, or publish it as one native binary.
await McpServer.CreateBuilder("quickstart", "1.0.0")
    .AddTools<QuickStartTools>()
    .Build()
    .RunStdioAsync();
