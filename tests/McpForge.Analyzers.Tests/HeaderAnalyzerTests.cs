using System.Threading.Tasks;
using static McpForge.Analyzers.Tests.Verifier;

namespace McpForge.Analyzers.Tests;

/// <summary>MCPF0029–MCPF0031: <c>[McpHeader]</c> on a tool parameter is checked against MCP 2026-07-28's rules for <c>x-mcp-header</c>.</summary>
public sealed class HeaderAnalyzerTests
{
    [Theory]
    [InlineData("double", "it is a JSON number, which MCP does not allow in a header (integers only)")]
    [InlineData("long", "its values can leave JavaScript's safe integer range (±(2^53−1)), which a header value must stay within; use int, a [Range] within it, or a string")]
    [InlineData("string[]", "it is an array")]
    [InlineData("Dictionary<string, int>", "it is an object")]
    [InlineData("byte[]", "it is binary data")]
    [InlineData("System.Text.Json.JsonElement", "it is any JSON")]
    public Task MCPF0029_a_parameter_that_is_not_a_string_boolean_or_safe_integer_is_reported_on_the_attribute(string type, string reason) =>
        AnalyzeAsync<ComponentAnalyzer>(
            "public partial class T { [McpTool(\"t\"), Description(\"T.\")] public static string F([{|#0:McpHeader(\"Region\")|}] " + type + " region) => \"\"; }",
            Diagnostic("MCPF0029").WithLocation(0).WithArguments("region", "t", reason));

    [Theory]
    [InlineData("\"\"", "", "a header name cannot be empty")]
    [InlineData("\"Region Name\"", "Region Name", "it contains ' '; a header name is an RFC 9110 token: letters, digits and !#$%&'*+-.^_`|~")]
    [InlineData("\"Region:\"", "Region:", "it contains ':'; a header name is an RFC 9110 token: letters, digits and !#$%&'*+-.^_`|~")]
    [InlineData("\"Re\\r\\ngion\"", "Re\r\ngion", "it contains the character U+000D; a header name is an RFC 9110 token: letters, digits and !#$%&'*+-.^_`|~")]
    [InlineData("\"Région\"", "Région", "it contains the character U+00E9; a header name is an RFC 9110 token: letters, digits and !#$%&'*+-.^_`|~")]
    [InlineData("null!", "", "a header name cannot be empty")]
    public Task MCPF0030_a_name_that_is_not_an_RFC_9110_token_is_reported_on_the_argument(string literal, string name, string reason) =>
        AnalyzeAsync<ComponentAnalyzer>(
            "public partial class T { [McpTool(\"t\"), Description(\"T.\")] public static string F([McpHeader({|#0:" + literal + "|})] string region) => \"\"; }",
            Diagnostic("MCPF0030").WithLocation(0).WithArguments(name, "region", "t", reason));

    [Fact]
    public Task MCPF0031_two_parameters_in_one_header_ignoring_case_are_reported_on_the_second() => AnalyzeAsync<ComponentAnalyzer>(
        "public partial class T { [McpTool(\"t\"), Description(\"T.\")] public static string F([McpHeader(\"Region\")] string a, [McpHeader({|#0:\"REGION\"|})] string b, [McpHeader({|#1:\"region\"|})] int c) => \"\"; }",
        Diagnostic("MCPF0031").WithLocation(0).WithArguments("a", "b", "t", "REGION"),
        Diagnostic("MCPF0031").WithLocation(1).WithArguments("a", "c", "t", "region"));

    [Fact]
    public Task Near_miss_every_token_character_scalar_types_a_ranged_long_and_one_name_in_two_tools() => AnalyzeAsync<ComponentAnalyzer>(
        """
        public enum Shade { Light, Dark }
        public partial class T
        {
            [McpTool("t"), Description("T.")]
            public static string F([McpHeader("Az09!#$%&'*+-.^_`|~")] string a, [McpHeader("B")] bool? b, [McpHeader("C")] int c, [McpHeader("D")] Shade d,
                [McpHeader("E")] Guid e, [McpHeader("F")] DateTimeOffset f, [McpHeader("G")] uint g, [McpHeader("H")] [System.ComponentModel.DataAnnotations.Range(0, 1000)] long h,
                [McpHeader("I")] string? i = null) => "";

            [McpTool("u"), Description("U.")]
            public static string G([McpHeader("B")] string b) => b;
        }
        """);
}
