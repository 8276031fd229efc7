using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using static McpForge.Analyzers.Tests.Verifier;

namespace McpForge.Analyzers.Tests;

/// <summary>The prompt rules of <see cref="ComponentAnalyzer"/>: MCPF0013, MCPF0014, and MCPF0006/MCPF0008/MCPF0009/MCPF0010 for prompts.</summary>
public sealed class PromptAnalyzerTests
{
    [Fact]
    public Task MCPF0013_a_prompt_parameter_that_cannot_come_from_a_string() => AnalyzeAsync<ComponentAnalyzer>("""
        public partial class P
        {
            [McpPrompt, Description("Lists.")] public static string Plan(int[] {|#0:steps|}, Stream {|#1:data|}) => "";
        }
        """,
        Diagnostic("MCPF0013").WithLocation(0).WithArguments("steps", "plan", "int[]"),
        Diagnostic("MCPF0013").WithLocation(1).WithArguments("data", "plan", "System.IO.Stream"));

    [Fact]
    public Task MCPF0013_near_miss_strings_enums_and_parsed_scalars_are_fine() => AnalyzeAsync<ComponentAnalyzer>("""
        public partial class P
        {
            [McpPrompt, Description("Plans.")]
            public static string Plan(string goal, int days, DayOfWeek start, bool? strict, Guid id, DateOnly due, CancellationToken ct) => goal;
        }
        """);

    [Fact]
    public Task MCPF0014_an_unsupported_prompt_return_type() => AnalyzeAsync<ComponentAnalyzer>("""
        public partial class P
        {
            [McpPrompt, Description("Counts.")] public static {|#0:Task<int>|} Count() => Task.FromResult(1);
        }
        """,
        Diagnostic("MCPF0014").WithLocation(0).WithArguments("count", "System.Threading.Tasks.Task<int>"));

    [Fact]
    public Task MCPF0009_and_MCPF0010_cover_prompts_and_a_tool_may_share_a_prompt_name() => AnalyzeAsync<ComponentAnalyzer>("""
        public partial class P
        {
            [McpPrompt("review"), Description("One.")] public static string One() => "";
            [{|#0:McpPrompt("review")|}, Description("Two.")] public static string Two() => "";
            [McpTool("review"), Description("A tool may share a prompt's name.")] public static string Tool() => "";
            [McpPrompt] public static string {|#1:Undocumented|}() => "";
        }
        """,
        Diagnostic("MCPF0009").WithLocation(0).WithArguments("review", "P", "Prompt name"),
        Diagnostic("MCPF0010", DiagnosticSeverity.Warning).WithLocation(1).WithArguments("undocumented", "Prompt"));

    [Fact]
    public Task MCPF0006_and_MCPF0008_name_a_prompt_a_prompt() => AnalyzeAsync<ComponentAnalyzer>("""
        public partial class P
        {
            [McpPrompt, Description("Fires.")] public static async {|#0:void|} Fire() => await Task.Yield();
            [McpPrompt, Description("Picks.")] public static string {|#1:Pick|}<TValue>() => "";
        }
        """,
        Diagnostic("MCPF0006").WithLocation(0).WithArguments("Prompt", "fire").WithMessage(
            "Prompt 'fire' is 'async void', so its completion and exceptions cannot reach the client; return 'Task' instead"),
        Diagnostic("MCPF0008").WithLocation(1).WithArguments("Prompt", "pick"));
}
