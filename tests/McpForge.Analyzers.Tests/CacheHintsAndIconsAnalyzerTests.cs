using System.Threading.Tasks;
using static McpForge.Analyzers.Tests.Verifier;

namespace McpForge.Analyzers.Tests;

/// <summary>MCPF0032 (negative <c>CacheTtlMs</c>) and MCPF0033 (invalid <c>[McpIcon]</c>) on every component kind.</summary>
public sealed class CacheHintsAndIconsAnalyzerTests
{
    [Fact]
    public Task MCPF0032_a_negative_ttl_is_reported_on_the_argument_of_every_kind() => AnalyzeAsync<ComponentAnalyzer>(
        """
        public partial class T
        {
            [McpTool("t", {|#0:CacheTtlMs = -1|}), Description("T.")] public static string F() => "";
            [McpPrompt("p", {|#1:CacheTtlMs = -5000|}), Description("P.")] public static string P() => "";
            [McpResource("r://x", {|#2:CacheTtlMs = long.MinValue|}), Description("R.")] public static string R() => "";
            [McpResource("r://items/{id}", {|#3:CacheTtlMs = -2|}, CacheScope = McpCacheScope.Public), Description("I.")] public static string I(int id) => "";
        }
        """,
        Diagnostic("MCPF0032").WithLocation(0).WithArguments("tool", "t", "-1"),
        Diagnostic("MCPF0032").WithLocation(1).WithArguments("prompt", "p", "-5000"),
        Diagnostic("MCPF0032").WithLocation(2).WithArguments("resource", "r", "-9223372036854775808"),
        Diagnostic("MCPF0032").WithLocation(3).WithArguments("resource template", "i", "-2"));

    [Fact]
    public Task MCPF0032_near_miss_zero_large_and_scope_alone() => AnalyzeAsync<ComponentAnalyzer>(
        """
        public partial class T
        {
            [McpTool("t", CacheTtlMs = 0), Description("T.")] public static string F() => "";
            [McpPrompt("p", CacheTtlMs = long.MaxValue), Description("P.")] public static string P() => "";
            [McpResource("r://x", CacheScope = McpCacheScope.Public), Description("R.")] public static string R() => "";
        }
        """);

    [Theory]
    [InlineData("{|#0:\"\"|}", "its source is empty; give an https: URL or a data: URI")]
    [InlineData("{|#0:\"icon.png\"|}", "'icon.png' is not an absolute https: URL or a data: URI")]
    [InlineData("{|#0:\"ftp://example.com/x.png\"|}", "'ftp://example.com/x.png' is not an absolute https: URL or a data: URI")]
    [InlineData("{|#0:\"javascript:alert(1)\"|}", "'javascript:alert(1)' is not an absolute https: URL or a data: URI")]
    [InlineData("{|#0:\"data:image/png,abc\"|}", "'data:image/png,abc' is not a data: URI with Base64 data (data:image/png;base64,…)")]
    [InlineData("\"https://e.com/x.png\", {|#0:MimeType = \"png\"|}", "its MimeType 'png' is not a type/subtype such as image/png")]
    [InlineData("\"https://e.com/x.png\", {|#0:Sizes = \"48\"|}", "its size '48' is neither WxH (such as 48x48) nor 'any'")]
    [InlineData("\"https://e.com/x.png\", {|#0:Sizes = \"48x48, big\"|}", "its size 'big' is neither WxH (such as 48x48) nor 'any'")]
    [InlineData("\"https://e.com/x.png\", {|#0:Sizes = \" \"|}", "its Sizes is empty; leave it unset for any size")]
    [InlineData("\"https://e.com/x.png\", {|#0:Theme = \"Dark\"|}", "its Theme 'Dark' is neither 'light' nor 'dark'")]
    public Task MCPF0033_an_invalid_icon_is_reported_on_the_argument_at_fault(string arguments, string reason) => AnalyzeAsync<ComponentAnalyzer>(
        "public partial class T { [McpTool(\"t\"), McpIcon(" + arguments + "), Description(\"T.\")] public static string F() => \"\"; }",
        Diagnostic("MCPF0033").WithLocation(0).WithArguments("tool", "t", reason));

    [Fact]
    public Task MCPF0033_is_reported_for_prompts_resources_and_templates_too() => AnalyzeAsync<ComponentAnalyzer>(
        """
        public partial class T
        {
            [McpPrompt("p"), McpIcon({|#0:"x"|}), Description("P.")] public static string P() => "";
            [McpResource("r://x"), McpIcon("https://e.com/a.png", {|#1:Theme = "blue"|}), Description("R.")] public static string R() => "";
            [McpResource("r://items/{id}"), McpIcon({|#2:"/relative.png"|}), Description("I.")] public static string I(int id) => "";
        }
        """,
        Diagnostic("MCPF0033").WithLocation(0).WithArguments("prompt", "p", "'x' is not an absolute https: URL or a data: URI"),
        Diagnostic("MCPF0033").WithLocation(1).WithArguments("resource", "r", "its Theme 'blue' is neither 'light' nor 'dark'"),
        Diagnostic("MCPF0033").WithLocation(2).WithArguments("resource template", "i", "'/relative.png' is not an absolute https: URL or a data: URI"));

    [Fact]
    public Task MCPF0033_near_miss_every_valid_form() => AnalyzeAsync<ComponentAnalyzer>(
        """
        public partial class T
        {
            [McpTool("t"), Description("T.")]
            [McpIcon("https://example.com/a.png", MimeType = "image/png", Sizes = "48x48 96x96", Theme = "light")]
            [McpIcon("http://localhost:8080/a.svg", MimeType = "image/svg+xml", Sizes = "any", Theme = "dark")]
            [McpIcon("data:image/png;base64,iVBORw0KGgo=")]
            public static string F() => "";
        }
        """);
}
