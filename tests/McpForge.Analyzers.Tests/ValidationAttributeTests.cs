using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using static McpForge.Analyzers.Tests.Verifier;

namespace McpForge.Analyzers.Tests;

/// <summary>
/// The DataAnnotations rules of <see cref="ComponentAnalyzer"/>, from the table the generator enforces
/// (ValidationRules): MCPF0022 (on a type it cannot apply to), MCPF0027 (not checked by McpForge) and MCPF0028 (its
/// arguments cannot be checked), on tool parameters and on members at any depth, each reported once.
/// </summary>
public sealed class ValidationAttributeTests
{
    [Fact]
    public Task MCPF0022_misapplied_validation_attributes_point_at_the_attribute() => AnalyzeAsync<ComponentAnalyzer>("""
        using System.ComponentModel.DataAnnotations;
        public partial class V
        {
            [McpTool, Description("Books.")]
            public static string Book([{|#0:Range(1, 10)|}] string title, [{|#1:StringLength(5)|}] int count, [{|#2:MaxLength(3)|}] bool flag, [{|#3:EmailAddress|}] int? mail) => title;
        }
        """,
        Diagnostic("MCPF0022").WithLocation(0).WithArguments("Range", "parameter 'title'", "string", "numbers, dates and times"),
        Diagnostic("MCPF0022").WithLocation(1).WithArguments("StringLength", "parameter 'count'", "int", "strings"),
        Diagnostic("MCPF0022").WithLocation(2).WithArguments("MaxLength", "parameter 'flag'", "bool", "strings and collections"),
        Diagnostic("MCPF0022").WithLocation(3).WithArguments("EmailAddress", "parameter 'mail'", "int?", "strings"));

    [Fact]
    public Task MCPF0022_on_members_at_any_depth_is_reported_once_however_many_tools_reach_them() => AnalyzeAsync<ComponentAnalyzer>("""
        using System.ComponentModel.DataAnnotations;
        public sealed record Line([property: {|#0:Phone|}] int Sku, [property: {|#1:Range(typeof(DateTime), "2020-01-01", "2030-01-01")|}] DateOnly Due);
        public sealed record Order(string Id, List<Line> Lines);
        public partial class V
        {
            [McpTool, Description("Places.")] public static string Place(Order order) => order.Id;
            [McpTool, Description("Checks.")] public static string Check(Dictionary<string, Order> orders, Line line) => "";
        }
        """,
        Diagnostic("MCPF0022").WithLocation(0).WithArguments("Phone", "property 'Line.Sku'", "int", "strings"),
        Diagnostic("MCPF0022").WithLocation(1).WithArguments("Range", "property 'Line.Due'", "System.DateOnly", "values of type 'System.DateTime'"));

    [Fact]
    public Task MCPF0027_attributes_McpForge_does_not_check() => AnalyzeAsync<ComponentAnalyzer>("""
        using System.ComponentModel.DataAnnotations;
        public sealed class EvenAttribute : ValidationAttribute { public override bool IsValid(object? value) => value is int i && i % 2 == 0; }
        public sealed record Signup(string Password, [property: {|#0:Compare("Password")|}] string Again);
        public partial class V
        {
            [McpTool, Description("Signs up.")]
            public static string Up(Signup signup, [{|#1:Even|}] int seats, [{|#2:CustomValidation(typeof(V), "Check")|}] string code,
                [{|#3:FileExtensions(Extensions = "png")|}] string file) => "";

            [McpPrompt, Description("Asks.")] public static string Ask([{|#4:StringLength(10)|}] string topic) => topic;
        }
        """,
        Diagnostic("MCPF0027", DiagnosticSeverity.Warning).WithLocation(0).WithArguments("Compare", "property 'Signup.Again'", "it compares two members, which McpForge does not do"),
        Diagnostic("MCPF0027", DiagnosticSeverity.Warning).WithLocation(1).WithArguments("Even", "parameter 'seats'", "it is a validation attribute of its own, which McpForge does not run"),
        Diagnostic("MCPF0027", DiagnosticSeverity.Warning).WithLocation(2).WithArguments("CustomValidation", "parameter 'code'", "it calls a method of yours, which McpForge does not call"),
        Diagnostic("MCPF0027", DiagnosticSeverity.Warning).WithLocation(3).WithArguments("FileExtensions", "parameter 'file'", "McpForge does not check [FileExtensions]"),
        Diagnostic("MCPF0027", DiagnosticSeverity.Warning).WithLocation(4).WithArguments("StringLength", "parameter 'topic'", "McpForge checks the arguments of tools, not of prompts"));

    [Fact]
    public Task MCPF0028_arguments_that_cannot_be_checked() => AnalyzeAsync<ComponentAnalyzer>("""
        using System.ComponentModel.DataAnnotations;
        public sealed record Stay([property: {|#0:Range(typeof(DateTime), "2030-01-01", "2020-01-01")|}] DateTime From);
        public partial class V
        {
            [McpTool, Description("Books.")]
            public static string Book(Stay stay, [{|#1:RegularExpression("[a-")|}] string code, [{|#2:Range(typeof(TimeSpan), "soon", "later")|}] TimeSpan wait,
                [EmailAddress, {|#3:Url|}] string contact) => code;
        }
        """,
        Diagnostic("MCPF0028").WithLocation(0).WithArguments("Range", "property 'Stay.From'", "its minimum '2030-01-01' is after its maximum '2020-01-01'"),
        Diagnostic("MCPF0028").WithLocation(1).WithArguments("RegularExpression", "parameter 'code'",
            "'[a-' is not a regular expression: Invalid pattern '[a-' at offset 3. Unterminated [] set."),
        Diagnostic("MCPF0028").WithLocation(2).WithArguments("Range", "parameter 'wait'", "'soon' is not a TimeSpan in the invariant culture"),
        Diagnostic("MCPF0028").WithLocation(3).WithArguments("Url", "parameter 'contact'", "a value has one format, and [EmailAddress] gives it another"));

    [Fact]
    public Task Near_misses_every_attribute_McpForge_enforces_on_a_type_it_applies_to() => AnalyzeAsync<ComponentAnalyzer>("""
        using System.ComponentModel.DataAnnotations;
        public enum Size { Small, Large }
        public sealed record Contact(
            [property: Phone] string Phone,
            [property: CreditCard] string? Card,
            [property: Range(typeof(DateTime), "2020-01-01", "2030-01-01")] DateTime Since,
            [property: Range(typeof(DateOnly), "2020-01-01", "2030-01-01")] DateOnly Day,
            [property: Range(typeof(TimeSpan), "00:00:01", "01:00:00", MaximumIsExclusive = true)] TimeSpan Wait,
            [property: Range(typeof(decimal), "0.5", "9.5")] decimal Price,
            [property: Length(1, 3)] List<string> Tags,
            [property: DataType(DataType.Date)] string When,
            [property: EnumDataType(typeof(Size))] Size Size);
        public partial class V
        {
            [McpTool, Description("Books.")]
            public static string Book(Contact contact, [Range(1, 10)] int? days, [StringLength(50), RegularExpression("^[a-z]+$")] string title,
                [MaxLength(3)] string[] tags, [Length(1, 5)] List<int> ids, [Required] string? author, [Range(0.5, 2.0)] double ratio,
                [AllowedValues(Size.Small)] Size size, [DeniedValues(1.5, 2.5)] decimal price, [Base64String, MinLength(4)] string blob, [Url] string link) => title;

            // Not a tool: not McpForge's business.
            public static void Other([Range(1, 2)] string text) { }
        }
        """);
}
