using System.Threading.Tasks;
using McpForge.CodeFixes;
using static McpForge.Analyzers.Tests.Verifier;

namespace McpForge.Analyzers.Tests;

/// <summary>Each code fix before and after, and Fix-All over several occurrences.</summary>
public sealed class CodeFixTests
{
    [Fact]
    public Task Add_partial_to_the_whole_containing_chain() => FixAsync<ComponentAnalyzer, AddPartialCodeFix>("""
        public class Outer
        {
            /// <summary>Holds tools.</summary>
            public sealed class {|MCPF0003:Inner|}
            {
                [McpTool, Description("Echo.")] public static string Echo(string m) => m;
            }
        }
        """, """
        public partial class Outer
        {
            /// <summary>Holds tools.</summary>
            public sealed partial class Inner
            {
                [McpTool, Description("Echo.")] public static string Echo(string m) => m;
            }
        }
        """);

    [Fact]
    public Task Add_partial_fix_all_across_classes() => FixAsync<ComponentAnalyzer, AddPartialCodeFix>("""
        class {|MCPF0003:A|} { [McpTool, Description("A.")] public static string Ax(string m) => m; }
        class {|MCPF0003:B|} { [McpTool, Description("B.")] public static string Bx(string m) => m; }
        """, """
        partial class A { [McpTool, Description("A.")] public static string Ax(string m) => m; }
        partial class B { [McpTool, Description("B.")] public static string Bx(string m) => m; }
        """);

    [Fact]
    public Task Async_void_becomes_async_Task() => FixAsync<ComponentAnalyzer, AsyncVoidCodeFix>("""
        public partial class T
        {
            [McpTool, Description("Fires.")] public static async {|MCPF0006:void|} Fire() => await Task.Yield();
            [McpTool, Description("Again.")] public static async {|MCPF0006:void|} Again() => await Task.Yield();
        }
        """, """
        public partial class T
        {
            [McpTool, Description("Fires.")] public static async Task Fire() => await Task.Yield();
            [McpTool, Description("Again.")] public static async Task Again() => await Task.Yield();
        }
        """);

    [Fact]
    public Task Invalid_tool_names_are_renamed() => FixAsync<ComponentAnalyzer, ToolNameCodeFix>("""
        public partial class T
        {
            [McpTool({|MCPF0005:"Get Forecast!"|}), Description("Forecast.")] public static string F(string c) => c;
            [McpTool({|MCPF0005:"!!!"|}), Description("Weather.")] public static string GetWeatherAsync(string c) => c;
        }
        """, """
        public partial class T
        {
            [McpTool("get_forecast"), Description("Forecast.")] public static string F(string c) => c;
            [McpTool("get_weather"), Description("Weather.")] public static string GetWeatherAsync(string c) => c;
        }
        """);

    [Fact]
    public Task Missing_descriptions_get_a_doc_comment_stub() => FixAsync<ComponentAnalyzer, AddDescriptionCodeFix>("""
        public partial class T
        {
            [McpTool]
            public static string {|MCPF0010:Search|}(string query, int limit, CancellationToken ct) => query;

            [McpTool]
            public static string {|MCPF0010:Ping|}() => "pong";
        }
        """, """
        public partial class T
        {
            /// <summary>Describe what Search does and when a model should call it.</summary>
            /// <param name="query">Describe query.</param>
            /// <param name="limit">Describe limit.</param>
            [McpTool]
            public static string Search(string query, int limit, CancellationToken ct) => query;

            /// <summary>Describe what Ping does and when a model should call it.</summary>
            [McpTool]
            public static string Ping() => "pong";
        }
        """);
}
