using System.Threading.Tasks;
using static McpForge.Analyzers.Tests.Verifier;

namespace McpForge.Analyzers.Tests;

/// <summary>MCPF0022: validation attributes on parameter types they cannot apply to.</summary>
public sealed class ValidationAttributeAnalyzerTests
{
    [Fact]
    public Task MCPF0022_misapplied_validation_attributes_point_at_the_attribute() => AnalyzeAsync<ValidationAttributeAnalyzer>("""
        using System.ComponentModel.DataAnnotations;
        public partial class V
        {
            [McpTool, Description("Books.")]
            public static string Book([{|#0:Range(1, 10)|}] string title, [{|#1:StringLength(5)|}] int count, [{|#2:MaxLength(3)|}] bool flag, [{|#3:EmailAddress|}] int? mail) => title;
        }
        """,
        Diagnostic("MCPF0022").WithLocation(0).WithArguments("Range", "title", "string", "numbers, dates and times"),
        Diagnostic("MCPF0022").WithLocation(1).WithArguments("StringLength", "count", "int", "strings"),
        Diagnostic("MCPF0022").WithLocation(2).WithArguments("MaxLength", "flag", "bool", "strings and collections"),
        Diagnostic("MCPF0022").WithLocation(3).WithArguments("EmailAddress", "mail", "int?", "strings"));

    [Fact]
    public Task MCPF0022_near_miss_attributes_on_the_types_they_apply_to() => AnalyzeAsync<ValidationAttributeAnalyzer>("""
        using System.ComponentModel.DataAnnotations;
        public partial class V
        {
            [McpTool, Description("Books.")]
            public static string Book([Range(1, 10)] int? days, [StringLength(50), RegularExpression("^[a-z]+$")] string title,
                [MaxLength(3)] string[] tags, [Length(1, 5)] List<int> ids, [Required] string author, [Range(0.5, 2.0)] double ratio) => title;

            // Not a tool: not McpForge's business.
            public static void Other([Range(1, 2)] string text) { }
        }
        """);
}
