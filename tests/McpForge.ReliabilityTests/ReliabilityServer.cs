using System.Collections.Generic;
using System.Threading.Tasks;

namespace McpForge.ReliabilityTests;

/// <summary>tests/Fixtures/ReliabilityServer as the tests start it: a JIT build, over stdio or HTTP, with limits from arguments.</summary>
internal static class ReliabilityServer
{
    public static string Assembly => RepositoryPaths.BuiltAssembly("tests/Fixtures/ReliabilityServer", "ReliabilityServer");

    /// <summary>The command line of the server, for drivers that start it themselves.</summary>
    public static IReadOnlyList<string> Command(params string[] arguments) => ["dotnet", Assembly, .. arguments];

    /// <summary>Starts it over stdio and initializes a session.</summary>
    public static ChildProcess StartStdio(params string[] arguments)
    {
        var server = ChildProcess.Start("dotnet", [Assembly, "--stdio", .. arguments]);
        server.Initialize();
        return server;
    }

    /// <summary>Starts it over stdio with its stdout left raw, for a test that reads it at its own pace (or not at all).</summary>
    public static ChildProcess StartStdioRaw(params string[] arguments) =>
        ChildProcess.Start("dotnet", [Assembly, "--stdio", .. arguments], rawOutput: true);

    public static Task<HttpServerProcess> StartHttpAsync(params string[] arguments) => HttpServerProcess.StartAsync("dotnet", [Assembly, .. arguments]);

    public static string Call(long id, string tool, string arguments = "{}") => McpHttpClient.Call(id, tool, arguments);

    public static string Text(System.Text.Json.JsonElement response) => McpHttpClient.Text(response);
}
