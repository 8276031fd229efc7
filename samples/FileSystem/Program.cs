using System;
using System.IO;
using McpForge;
using FileSystem;

// A read-only file-system server over stdio: `dotnet run --project samples/FileSystem -- <root folder>`.
// Every path is resolved inside the root; anything that escapes it (../, absolute paths, links) is refused.
var root = args.Length > 0 ? args[0] : Directory.GetCurrentDirectory();
if (!Directory.Exists(root))
{
    Console.Error.WriteLine($"FileSystem: the root folder '{root}' does not exist.");
    return 1;
}

await McpServer.CreateBuilder("filesystem", "1.0.0")
    .AddSingleton(new SandboxedRoot(root))
    .AddGeneratedComponents() // every [McpTool], [McpResource] and [McpPrompt] class of this project
    .Configure(o => o.Instructions = "Read-only access to one folder. Paths are relative to it.")
    .Build()
    .RunStdioAsync();
return 0;
