using System.Collections.Generic;
using System.Threading.Tasks;
using McpForge.IntegrationTests;

namespace McpForge.ReliabilityTests;

/// <summary>tests/Fixtures/ReliabilityServer as the tests start it: a JIT build, over stdio or HTTP, with limits from arguments.</summary>
internal static class ReliabilityServer
{
    public static string Assembly => RepositoryPaths.BuiltAssembly("tests/Fixtures/ReliabilityServer", "ReliabilityServer");

    /// <summary>The command line of the server, for drivers that start it themselves.</summary>
    public static IReadOnlyList<string> Command(params string[] arguments) => ["dotnet", Assembly, .. arguments];

    /// <summary>Starts it over stdio and initializes a session.</summary>
    public static StdioProcess StartStdio(params string[] arguments)
    {
        var server = StdioProcess.Start("dotnet", [Assembly, "--stdio", .. arguments]);
        server.Initialize();
        return server;
    }

    public static Task<McpForge.Soak.ServerProcess> StartHttpAsync(params string[] arguments) =>
        McpForge.Soak.ServerProcess.StartHttpAsync(Command(arguments));

    public static string Call(long id, string tool, string arguments = "{}") =>
        $$$"""{"jsonrpc":"2.0","id":{{{id}}},"method":"tools/call","params":{"name":"{{{tool}}}","arguments":{{{arguments}}}}}""";

    public static string Text(System.Text.Json.JsonElement response) =>
        response.GetProperty("result").GetProperty("content")[0].GetProperty("text").GetString()!;
}
