using System.Threading.Tasks;
using static McpForge.Analyzers.Tests.Verifier;

namespace McpForge.Analyzers.Tests;

/// <summary>The resource rules of <see cref="ComponentAnalyzer"/>: MCPF0015 to MCPF0019.</summary>
public sealed class ResourceAnalyzerTests
{
    [Theory]
    [InlineData("users://{id", "the expression at position 8 is not closed")]
    [InlineData("users://{a}{b}", "'{b}' follows another expression directly, so a URI could not be split between them")]
    [InlineData("users://{a}{+b}", "'{+b}' follows another expression directly, so a URI could not be split between them")]
    [InlineData("users://{id:3}", "'{id:3}' uses a level 4 modifier (':' prefix or '*' explode), which is not supported")]
    [InlineData("users://{/path*}", "'{/path*}' uses a level 4 modifier (':' prefix or '*' explode), which is not supported")]
    [InlineData("users://{=id}", "'=' in '{=id}' is an operator RFC 6570 reserves for future use")]
    [InlineData("users://{a,a}", "the variable 'a' appears twice")]
    [InlineData("users://{a,}", "'' is not a valid variable name")]
    [InlineData("no scheme/{id}", "' ' at position 2 is not allowed in a URI")]
    [InlineData("readme", "it does not start with a scheme such as 'file://' or 'docs:'")]
    public Task MCPF0015_invalid_uri_templates_point_at_the_argument(string uri, string reason) => AnalyzeAsync<ComponentAnalyzer>(
        "public partial class R { [McpResource({|#0:\"" + uri + "\"|})] public static string Get() => \"\"; }",
        Diagnostic("MCPF0015").WithLocation(0).WithArguments(uri, reason));

    [Fact]
    public Task MCPF0015_near_miss_simple_and_reserved_variables() => AnalyzeAsync<ComponentAnalyzer>("""
        public partial class R
        {
            [McpResource("users://{id}/posts/{post}")] public static string Post(int id, string post) => "";
            [McpResource("files:///{+path}")] public static string File(string path) => "";
            [McpResource("urn:isbn:{isbn}")] public static string Book(string isbn) => "";
            [McpResource("search://items{?q,limit}")] public static string Search(string q, int limit = 10) => "";
            [McpResource("maps://{lat,lon}{/zoom}{.format}")] public static string Tile(double lat, double lon, int? zoom, string format = "png") => "";
            [McpResource("docs://{+path}{#section}")] public static string Section(string path, string? section) => "";
            [McpResource("items://list{;sort}{&page}")] public static string Sorted(string? sort, int page = 1) => "";
        }
        """);

    [Fact]
    public Task MCPF0016_and_MCPF0017_variables_and_parameters_must_match() => AnalyzeAsync<ComponentAnalyzer>("""
        public partial class R
        {
            [McpResource({|#0:"users://{id}/posts/{post}"|})] public static string Post(int id, int {|#1:page|}) => "";
        }
        """,
        Diagnostic("MCPF0017").WithLocation(1).WithArguments("page", "post", "users://{id}/posts/{post}"),
        Diagnostic("MCPF0016").WithLocation(0).WithArguments("post", "post"));

    [Fact]
    public Task MCPF0018_unsupported_resource_return_type() => AnalyzeAsync<ComponentAnalyzer>("""
        public partial class R { [McpResource("docs://count")] public static {|#0:int|} Count() => 1; }
        """,
        Diagnostic("MCPF0018").WithLocation(0).WithArguments("count", "int"));

    [Fact]
    public Task MCPF0019_unsupported_resource_parameter() => AnalyzeAsync<ComponentAnalyzer>("""
        public partial class R { [McpResource("docs://{ids}")] public static string Get(int[] {|#0:ids|}) => ""; }
        """,
        Diagnostic("MCPF0019").WithLocation(0).WithArguments("ids", "get", "int[]"));

    [Fact]
    public Task MCPF0009_two_resources_with_one_uri() => AnalyzeAsync<ComponentAnalyzer>("""
        public partial class R
        {
            [McpResource("docs://readme")] public static string One() => "";
            [{|#0:McpResource("docs://readme")|}] public static string Two() => "";
        }
        """,
        Diagnostic("MCPF0009").WithLocation(0).WithArguments("docs://readme", "R", "Resource URI"));
}
