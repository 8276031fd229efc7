using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using static McpForge.Analyzers.Tests.Verifier;

namespace McpForge.Analyzers.Tests;

/// <summary>Each diagnostic of <see cref="ComponentAnalyzer"/>: reported with its exact span and arguments, and a near miss that is not.</summary>
public sealed class ComponentAnalyzerTests
{
    [Fact]
    public Task MCPF0001_unsupported_parameter_type() => AnalyzeAsync<ComponentAnalyzer>("""
        public partial class T
        {
            [McpTool, Description("Uploads.")] public static string Upload(Stream {|#0:data|}, string name) => name;
        }
        """,
        Diagnostic("MCPF0001").WithLocation(0).WithArguments("data", "upload", "System.IO.Stream", "'System.IO.Stream' is a framework type McpForge does not serialize"));

    [Fact]
    public Task MCPF0001_a_user_type_says_which_member_cannot_be_serialized() => AnalyzeAsync<ComponentAnalyzer>("""
        public sealed record Upload(string Name, Stream Data);
        public partial class T
        {
            [McpTool, Description("Uploads.")] public static string Send(Upload {|#0:upload|}) => upload.Name;
        }
        """,
        Diagnostic("MCPF0001").WithLocation(0).WithArguments("upload", "send", "Upload", "'Upload.Data': 'System.IO.Stream' is a framework type McpForge does not serialize"));

    [Fact]
    public Task MCPF0001_a_user_type_without_a_usable_constructor_cannot_be_an_argument() => AnalyzeAsync<ComponentAnalyzer>("""
        public sealed class Point
        {
            public Point(int x, int y) { X = x; Y = y; }
            public Point(int x) : this(x, 0) { }
            public int X { get; }
            public int Y { get; }
        }
        public partial class T
        {
            [McpTool, Description("Moves.")] public static string Move(Point {|#0:to|}) => "ok";
            [McpTool, Description("Origin.")] public static Point Origin() => new(0, 0);
        }
        """,
        Diagnostic("MCPF0001").WithLocation(0).WithArguments("to", "move", "Point", "'Point' has several public constructors; mark the one to read it with [JsonConstructor]"));

    [Fact]
    public Task MCPF0001_near_miss_records_classes_and_collections_of_them_are_fine() => AnalyzeAsync<ComponentAnalyzer>("""
        public enum Size { Small, Large }
        public sealed record Line(string Sku, int Quantity);
        public sealed class Basket { public List<Line> Lines { get; set; } = []; public Dictionary<string, Size> Sizes { get; init; } = new(); }
        public partial class T
        {
            [McpTool, Description("Checks out.")] public static Basket Checkout(Basket basket, Line[] extra, HashSet<Size>? sizes = null) => basket;
        }
        """);

    [Fact]
    public Task MCPF0001_near_miss_a_service_parameter_is_fine() => AnalyzeAsync<ComponentAnalyzer>("""
        public partial class T
        {
            [McpTool, Description("Uploads.")] public static string Upload([FromServices] Stream data, string name, CancellationToken ct, McpContext context) => name;
        }
        """);

    [Fact]
    public Task MCPF0002_unsupported_return_type() => AnalyzeAsync<ComponentAnalyzer>("""
        public partial class T
        {
            [McpTool, Description("Opens.")] public static {|#0:Task<Stream>|} Open() => null!;
        }
        """,
        Diagnostic("MCPF0002").WithLocation(0).WithArguments("open", "System.Threading.Tasks.Task<System.IO.Stream>", "'System.IO.Stream' is a framework type McpForge does not serialize"));

    [Fact]
    public Task MCPF0002_a_returned_user_type_says_which_member_cannot_be_written() => AnalyzeAsync<ComponentAnalyzer>("""
        public sealed record Report(string Title, object Body);
        public partial class T
        {
            [McpTool, Description("Reports.")] public static {|#0:Report|} Make() => null!;
        }
        """,
        Diagnostic("MCPF0002").WithLocation(0).WithArguments("make", "Report", "'Report.Body': 'object' has no shape to describe or check; use a concrete type, or JsonElement for any JSON"));

    [Fact]
    public Task MCPF0002_near_miss_content_lists_are_fine() => AnalyzeAsync<ComponentAnalyzer>("""
        public partial class T
        {
            [McpTool, Description("Lists.")] public static Task<List<McpForge.Protocol.TextContent>> Open() => null!;
        }
        """);

    [Fact]
    public Task MCPF0003_not_partial_reported_once_per_class() => AnalyzeAsync<ComponentAnalyzer>("""
        public class {|#0:Plain|}
        {
            [McpTool, Description("One.")] public static string One(string m) => m;
            [McpTool, Description("Two.")] public static string Two(string m) => m;
        }
        """,
        Diagnostic("MCPF0003").WithLocation(0).WithArguments("Plain"));

    [Fact]
    public Task MCPF0003_a_containing_type_that_is_not_partial() => AnalyzeAsync<ComponentAnalyzer>("""
        public class {|#0:Outer|}
        {
            public partial class Inner { [McpTool, Description("Echo.")] public static string Echo(string m) => m; }
        }
        """,
        Diagnostic("MCPF0003").WithLocation(0).WithArguments("Outer"));

    [Fact]
    public Task MCPF0004_static_class() => AnalyzeAsync<ComponentAnalyzer>("""
        public static partial class {|#0:S|} { [McpTool, Description("Echo.")] public static string Echo(string m) => m; }
        """,
        Diagnostic("MCPF0004").WithLocation(0).WithArguments("S", "static"));

    [Fact]
    public Task MCPF0004_generic_class() => AnalyzeAsync<ComponentAnalyzer>("""
        public partial class {|#0:G|}<TItem> { [McpTool, Description("Echo.")] public static string Echo(string m) => m; }
        """,
        Diagnostic("MCPF0004").WithLocation(0).WithArguments("G<TItem>", "generic"));

    [Fact]
    public Task MCPF0005_invalid_name_points_at_the_argument() => AnalyzeAsync<ComponentAnalyzer>("""
        public partial class T { [McpTool({|#0:"get forecast!"|}), Description("Forecast.")] public static string F(string c) => c; }
        """,
        Diagnostic("MCPF0005").WithLocation(0).WithArguments("get forecast!"));

    [Fact]
    public Task MCPF0005_near_miss_128_characters_and_dots_and_dashes_are_valid() => AnalyzeAsync<ComponentAnalyzer>(
        "public partial class T { [McpTool(\"" + new string('a', 120) + "-v1.0_x\"), Description(\"Long.\")] public static string F(string c) => c; }");

    [Fact]
    public Task MCPF0005_129_characters_is_too_long() => AnalyzeAsync<ComponentAnalyzer>(
        "public partial class T { [McpTool({|#0:\"" + new string('a', 129) + "\"|}), Description(\"Long.\")] public static string F(string c) => c; }",
        Diagnostic("MCPF0005").WithLocation(0).WithArguments(new string('a', 129)));

    [Fact]
    public Task MCPF0006_async_void() => AnalyzeAsync<ComponentAnalyzer>("""
        public partial class T { [McpTool, Description("Fires.")] public static async {|#0:void|} Fire() => await Task.Yield(); }
        """,
        Diagnostic("MCPF0006").WithLocation(0).WithArguments("Tool", "fire"));

    [Fact]
    public Task MCPF0006_near_miss_async_Task() => AnalyzeAsync<ComponentAnalyzer>("""
        public partial class T { [McpTool, Description("Fires.")] public static async Task Fire() => await Task.Yield(); }
        """);

    [Fact]
    public Task MCPF0007_out_ref_and_params_parameters() => AnalyzeAsync<ComponentAnalyzer>("""
        public partial class T
        {
            [McpTool, Description("Gets.")] public static bool TryGet(string key, out int {|#0:value|}) { value = 0; return true; }
            [McpTool, Description("Joins.")] public static string Join(params string[] {|#1:parts|}) => string.Join(',', parts);
            [McpTool, Description("Bumps.")] public static void Bump(ref int {|#2:count|}) => count++;
        }
        """,
        Diagnostic("MCPF0007").WithLocation(0).WithArguments("value", "try_get", "'out'"),
        Diagnostic("MCPF0007").WithLocation(1).WithArguments("parts", "join", "'params'"),
        Diagnostic("MCPF0007").WithLocation(2).WithArguments("count", "bump", "'ref'"));

    [Fact]
    public Task MCPF0008_generic_method() => AnalyzeAsync<ComponentAnalyzer>("""
        public partial class T { [McpTool, Description("Picks.")] public static string {|#0:Pick|}<TValue>(string m) => m; }
        """,
        Diagnostic("MCPF0008").WithLocation(0).WithArguments("Tool", "pick"));

    [Fact]
    public Task MCPF0009_duplicate_names_in_a_class() => AnalyzeAsync<ComponentAnalyzer>("""
        public partial class T
        {
            [McpTool("find"), Description("One.")] public static string One(string m) => m;
            [{|#0:McpTool("find")|}, Description("Two.")] public static string Two(string m) => m;
            [McpTool, Description("Three.")] public static string Find() => "";
        }
        """,
        Diagnostic("MCPF0009").WithLocation(0).WithArguments("find", "T", "Tool name"),
        Diagnostic("MCPF0009").WithSpan(6, 6, 6, 13).WithArguments("find", "T", "Tool name"));

    [Fact]
    public Task MCPF0010_missing_description_is_a_warning() => AnalyzeAsync<ComponentAnalyzer>("""
        public partial class T
        {
            [McpTool] public static string {|#0:Echo|}(string m) => m;

            /// <summary>Documented.</summary>
            [McpTool] public static string Documented(string m) => m;

            [McpTool, Description("Described.")] public static string Described(string m) => m;
        }
        """,
        Diagnostic("MCPF0010", DiagnosticSeverity.Warning).WithLocation(0).WithArguments("echo", "Tool"));
}
