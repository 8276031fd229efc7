using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using static McpForge.Analyzers.Tests.Verifier;

namespace McpForge.Analyzers.Tests;

/// <summary>The prompt rules of <see cref="ToolAnalyzer"/>: MCPF0013, MCPF0014, and MCPF0009/MCPF0010 for prompts.</summary>
public sealed class PromptAnalyzerTests
{
    [Fact]
    public Task MCPF0013_a_prompt_parameter_that_cannot_come_from_a_string() => AnalyzeAsync<ToolAnalyzer>("""
        public partial class P
        {
            [McpPrompt, Description("Lists.")] public static string Plan(int[] {|#0:steps|}, Stream {|#1:data|}) => "";
        }
        """,
        Diagnostic("MCPF0013").WithLocation(0).WithArguments("steps", "plan", "int[]"),
        Diagnostic("MCPF0013").WithLocation(1).WithArguments("data", "plan", "System.IO.Stream"));

    [Fact]
    public Task MCPF0013_near_miss_strings_enums_and_parsed_scalars_are_fine() => AnalyzeAsync<ToolAnalyzer>("""
        public partial class P
        {
            [McpPrompt, Description("Plans.")]
            public static string Plan(string goal, int days, DayOfWeek start, bool? strict, Guid id, DateOnly due, CancellationToken ct) => goal;
        }
        """);

    [Fact]
    public Task MCPF0014_an_unsupported_prompt_return_type() => AnalyzeAsync<ToolAnalyzer>("""
        public partial class P
        {
            [McpPrompt, Description("Counts.")] public static {|#0:Task<int>|} Count() => Task.FromResult(1);
        }
        """,
        Diagnostic("MCPF0014").WithLocation(0).WithArguments("count", "System.Threading.Tasks.Task<int>"));

    [Fact]
    public Task MCPF0009_and_MCPF0010_cover_prompts_and_a_tool_may_share_a_prompt_name() => AnalyzeAsync<ToolAnalyzer>("""
        public partial class P
        {
            [McpPrompt("review"), Description("One.")] public static string One() => "";
            [{|#0:McpPrompt("review")|}, Description("Two.")] public static string Two() => "";
            [McpTool("review"), Description("A tool may share a prompt's name.")] public static string Tool() => "";
            [McpPrompt] public static string {|#1:Undocumented|}() => "";
        }
        """,
        Diagnostic("MCPF0009").WithLocation(0).WithArguments("review", "P", "Prompt"),
        Diagnostic("MCPF0010", DiagnosticSeverity.Warning).WithLocation(1).WithArguments("undocumented", "Prompt"));
}
