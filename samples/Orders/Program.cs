using McpForge;
using Orders;

// A stdio MCP server of records in and records out: `dotnet run --project samples/Orders`, or publish it NativeAOT.
await McpServer.CreateBuilder("orders", "1.0.0")
    .AddTools<OrderTools>()
    .Build()
    .RunStdioAsync();
