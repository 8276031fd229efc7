using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using static McpForge.Analyzers.Tests.Verifier;

namespace McpForge.Analyzers.Tests;

/// <summary><see cref="TaskSupportAnalyzer"/> (MCPF0034, MCPF0035, MCPF0036).</summary>
public sealed class TaskSupportAnalyzerTests
{
    private const string EnablesTasks = """

        public static class Program
        {
            public static McpServer Build() => McpServer.CreateBuilder("s", "1").Configure(o => o.Tasks = new McpForge.Tasks.McpTaskOptions()).Build();
        }
        """;

    [Fact]
    public Task MCPF0034_task_support_on_a_synchronous_tool() => AnalyzeAsync<TaskSupportAnalyzer>("""
        public partial class Jobs
        {
            [{|#0:McpTool("export", TaskSupport = McpTaskSupport.Required)|}, Description("Exports.")]
            public static string Export() => "";

            [McpTool("report", TaskSupport = McpTaskSupport.Optional), Description("Reports.")]
            public static async Task<string> Report() { await Task.Yield(); return ""; }

            [McpTool("ping_job", TaskSupport = McpTaskSupport.Optional), Description("Pings.")]
            public static ValueTask PingJob() => default;

            [McpTool("quick", TaskSupport = McpTaskSupport.Forbidden), Description("Quick.")]
            public static string Quick() => "";
        }
        """ + EnablesTasks,
        Diagnostic("MCPF0034", DiagnosticSeverity.Warning).WithLocation(0).WithArguments("export", "Required"));

    [Fact]
    public Task MCPF0035_a_value_outside_McpTaskSupport() => AnalyzeAsync<TaskSupportAnalyzer>("""
        public partial class Jobs
        {
            [{|#0:McpTool("export", TaskSupport = (McpTaskSupport)7)|}, Description("Exports.")]
            public static async Task<string> Export() { await Task.Yield(); return ""; }
        }
        """ + EnablesTasks,
        Diagnostic("MCPF0035", DiagnosticSeverity.Error).WithLocation(0).WithArguments("export", 7));

    [Fact]
    public Task MCPF0036_task_capable_tools_in_a_project_that_never_turns_tasks_on() => AnalyzeAsync<TaskSupportAnalyzer>("""
        public partial class Jobs
        {
            [{|#0:McpTool(TaskSupport = McpTaskSupport.Optional)|}, Description("Exports.")]
            public static async Task<string> ExportAsync() { await Task.Yield(); return ""; }

            [McpTool("quick"), Description("Quick.")]
            public static string Quick() => "";
        }

        public static class Program
        {
            public static McpServer Build() => McpServer.CreateBuilder("s", "1").Build();
        }
        """,
        Diagnostic("MCPF0036", DiagnosticSeverity.Warning).WithLocation(0).WithArguments("export"));

    [Fact]
    public Task MCPF0036_near_miss_a_project_that_creates_McpTaskOptions() => AnalyzeAsync<TaskSupportAnalyzer>("""
        public partial class Jobs
        {
            [McpTool("export", TaskSupport = McpTaskSupport.Required), Description("Exports.")]
            public static async Task<string> Export() { await Task.Yield(); return ""; }
        }
        """ + EnablesTasks);
}
