using System.Threading.Tasks;
using static McpForge.Analyzers.Tests.Verifier;

namespace McpForge.Analyzers.Tests;

/// <summary>MCPF0020 (a completion for nothing declared beside it) and MCPF0021 (a completion method's shape).</summary>
public sealed class CompletionAnalyzerTests
{
    [Fact]
    public Task MCPF0020_completions_must_name_a_prompt_argument_or_template_variable_of_their_class() => AnalyzeAsync<ComponentAnalyzer>("""
        public partial class C
        {
            [McpPrompt, Description("Reviews.")] public static string Review(string code, string language) => code;
            [McpResource("books://{shelf}/{title}")] public static string Book(string shelf, string title) => title;

            [McpCompletion("review", "language")] public static IEnumerable<string> Ok1(string value) => [];
            [McpCompletion("books://{shelf}/{title}", "shelf")] public static string[] Ok2(string value) => [];
            [{|#0:McpCompletion("review", "lang")|}] public static IEnumerable<string> Typo(string value) => [];
            [{|#1:McpCompletion("reviews", "language")|}] public static IEnumerable<string> Unknown(string value) => [];
            [{|#2:McpCompletion("books://{shelf}", "shelf")|}] public static IEnumerable<string> OtherTemplate(string value) => [];
        }
        """,
        Diagnostic("MCPF0020").WithLocation(0).WithArguments("C", "prompt", "review", "lang"),
        Diagnostic("MCPF0020").WithLocation(1).WithArguments("C", "prompt", "reviews", "language"),
        Diagnostic("MCPF0020").WithLocation(2).WithArguments("C", "resource template", "books://{shelf}", "shelf"));

    [Fact]
    public Task MCPF0021_completion_methods_take_the_value_and_return_strings() => AnalyzeAsync<ComponentAnalyzer>("""
        public partial class C
        {
            [McpPrompt, Description("Reviews.")] public static string Review(string code) => code;

            [McpCompletion("review", "code")] public static {|#0:string|} One(string value) => value;
            [McpCompletion("review", "code")] public static IEnumerable<string> Two(string value, int {|#1:limit|}) => [];
            [McpCompletion("review", "code")] public static IEnumerable<string> {|#2:Three|}() => [];
        }
        """,
        Diagnostic("MCPF0021").WithLocation(0).WithArguments("One", "it returns 'string'; return IEnumerable<string> (or a Task of it)"),
        Diagnostic("MCPF0021").WithLocation(1).WithArguments("Two", "parameter 'limit' is not the value (string), the context (IReadOnlyDictionary<string, string>) or a CancellationToken"),
        Diagnostic("MCPF0021").WithLocation(2).WithArguments("Three", "it has no string parameter for the value typed so far"));

    [Fact]
    public Task MCPF0003_a_class_with_only_completions_must_be_partial_too_and_is_told_once() => AnalyzeAsync<ComponentAnalyzer>("""
        public class {|#0:C|}
        {
            [McpCompletion("review", "code")] public static IEnumerable<string> One(string value) => [];
            [McpCompletion("review", "language")] public static IEnumerable<string> Two(string value) => [];
        }
        """,
        Diagnostic("MCPF0003").WithLocation(0).WithArguments("C"));
}
