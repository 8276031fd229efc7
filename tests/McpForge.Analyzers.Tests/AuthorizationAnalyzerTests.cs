using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using static McpForge.Analyzers.Tests.Verifier;

namespace McpForge.Analyzers.Tests;

/// <summary><see cref="UnprotectedDestructiveToolAnalyzer"/> (MCPF0026).</summary>
public sealed class AuthorizationAnalyzerTests
{
    // The endpoint extension as McpForge.AspNetCore declares it; the analyzer knows it by name.
    private const string MapMcp = """
        namespace McpForge.AspNetCore { public static class McpEndpointRouteBuilderExtensions { public static void MapMcp(this object app, string pattern) { } } }
        """;

    [Fact]
    public Task MCPF0026_a_destructive_tool_without_authorization_in_an_http_server() => AnalyzeAsync<UnprotectedDestructiveToolAnalyzer>(MapMcp + """

        public partial class Notes
        {
            [{|#0:McpTool("delete_all", Destructive = true)|}, Description("Deletes every note.")]
            public static string DeleteAll() => "";

            [McpTool("purge", Destructive = true), McpAuthorize("notes:admin"), Description("Purges.")]
            public static string Purge() => "";

            [McpTool("list", Destructive = false), Description("Lists.")]
            public static string List() => "";
        }

        [McpAuthorize(Policy = "admins")]
        public partial class Admin
        {
            [McpTool("reset", Destructive = true), Description("Resets.")]
            public static string Reset() => "";
        }

        public static class Program
        {
            public static void Main() => McpForge.AspNetCore.McpEndpointRouteBuilderExtensions.MapMcp(new object(), "/mcp");
        }
        """,
        Diagnostic("MCPF0026", DiagnosticSeverity.Warning).WithLocation(0).WithArguments("delete_all"));

    [Fact]
    public Task MCPF0026_near_miss_the_same_tool_in_a_stdio_server() => AnalyzeAsync<UnprotectedDestructiveToolAnalyzer>(MapMcp + """

        public partial class Notes
        {
            [McpTool("delete_all", Destructive = true), Description("Deletes every note.")]
            public static string DeleteAll() => "";
        }

        public static class Program
        {
            public static async Task Main() => await McpServer.CreateBuilder("s", "1").Build().RunStdioAsync();
        }
        """);
}
