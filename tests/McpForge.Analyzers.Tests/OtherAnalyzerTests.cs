using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using static McpForge.Analyzers.Tests.Verifier;

namespace McpForge.Analyzers.Tests;

/// <summary><see cref="ConsoleOutputAnalyzer"/> (MCPF0011) and <see cref="AddToolsAnalyzer"/> (MCPF0012).</summary>
public sealed class OtherAnalyzerTests
{
    [Fact]
    public Task MCPF0011_console_output_in_a_stdio_server() => AnalyzeAsync<ConsoleOutputAnalyzer>("""
        public static class Program
        {
            public static async Task Main()
            {
                {|#0:Console.WriteLine("starting")|};
                {|#1:Console.Out|}.Flush();
                Console.Error.WriteLine("fine: stderr");
                await McpServer.CreateBuilder("s", "1").Build().RunStdioAsync();
            }
        }
        """,
        Diagnostic("MCPF0011", DiagnosticSeverity.Warning).WithLocation(0).WithArguments("Console.WriteLine"),
        Diagnostic("MCPF0011", DiagnosticSeverity.Warning).WithLocation(1).WithArguments("Console.Out"));

    [Fact]
    public Task MCPF0011_near_miss_console_output_in_a_server_that_does_not_use_stdio() => AnalyzeAsync<ConsoleOutputAnalyzer>("""
        public static class Program
        {
            public static void Main()
            {
                Console.WriteLine("an HTTP server may log to stdout");
                McpServer.CreateBuilder("s", "1").Build();
            }
        }
        """);

    [Fact]
    public Task MCPF0012_AddTools_of_a_type_without_tools() => AnalyzeAsync<AddToolsAnalyzer>("""
        public class NoTools { public static string Echo(string m) => m; }
        public static class Program
        {
            public static void Main() => McpServer.CreateBuilder("s", "1").AddTools<{|#0:NoTools|}>();
        }
        """,
        CompilerDiagnostics.None,
        Diagnostic("MCPF0012").WithLocation(0).WithArguments("NoTools"));

    [Fact]
    public Task MCPF0012_near_miss_a_type_with_tools_is_not_reported() => AnalyzeAsync<AddToolsAnalyzer>("""
        public class WithTools { [McpTool] public static string Echo(string m) => m; }
        public static class Program
        {
            public static void Main() => McpServer.CreateBuilder("s", "1").AddTools<WithTools>();
        }
        """,
        CompilerDiagnostics.None);
}
