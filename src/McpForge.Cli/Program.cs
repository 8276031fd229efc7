using System.CommandLine;
using McpForge.Cli.Commands;

// mcpforge: doctor, trace, list and call for any MCP server (docs/cli.md).
var root = new RootCommand("mcpforge: check, trace and use Model Context Protocol servers over stdio or Streamable HTTP")
{
    DoctorCommand.Create(),
    TraceCommand.Create(),
    ListCommand.Create(),
    CallCommand.Create(),
};
return await root.Parse(args).InvokeAsync();
