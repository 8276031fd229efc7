using System.Linq;
using McpForge.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace McpForge.Generators.Tests;

/// <summary>Each MCPF diagnostic: its id, severity, message and exact span, and that the bad tool generates no code.</summary>
public sealed class GeneratorDiagnosticsTests
{
    private static Diagnostic Single(string source, out GeneratorHarness.Result result)
    {
        result = GeneratorHarness.Run("using System; using System.IO; using System.Threading.Tasks; using McpForge;\n" + source);
        return Assert.Single(result.GeneratorDiagnostics);
    }

    private static void AssertAt(Diagnostic diagnostic, string id, string message, int line, int column, string spanText, string source)
    {
        Assert.Equal(id, diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Equal(message, diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        var span = diagnostic.Location.GetLineSpan();
        Assert.Equal((line, column), (span.StartLinePosition.Line, span.StartLinePosition.Character));
        var full = "using System; using System.IO; using System.Threading.Tasks; using McpForge;\n" + source;
        Assert.Equal(spanText, full.Substring(diagnostic.Location.SourceSpan.Start, diagnostic.Location.SourceSpan.Length));
        Assert.Equal($"https://github.com/mcpforge/mcpforge/blob/main/docs/diagnostics/{id}.md", diagnostic.Descriptor.HelpLinkUri);
    }

    [Fact]
    public void MCPF0001_unsupported_parameter_type_points_at_the_parameter()
    {
        const string source = "public partial class T\n{\n    [McpTool] public static string Upload(Stream data, string name) => name;\n}";
        var d = Single(source, out var result);
        AssertAt(d, "MCPF0001",
            "Parameter 'data' of tool 'upload' has type 'System.IO.Stream', which McpForge cannot bind from JSON arguments; use a supported type, or mark it [FromServices] if it is a service",
            3, 49, "data", source);
        Assert.Empty(result.Generated);
    }

    [Fact]
    public void MCPF0002_unsupported_return_type_points_at_the_return_type()
    {
        const string source = "public partial class T\n{\n    [McpTool] public static Task<Stream> Open() => null!;\n}";
        var d = Single(source, out var result);
        AssertAt(d, "MCPF0002",
            "Tool 'open' returns 'System.Threading.Tasks.Task<System.IO.Stream>', which McpForge cannot write as a tool result; return a string, a primitive, content blocks or a CallToolResult",
            3, 28, "Task<Stream>", source);
        Assert.Empty(result.Generated);
    }

    [Fact]
    public void MCPF0003_a_class_that_is_not_partial_points_at_its_name()
    {
        const string source = "public class Plain\n{\n    [McpTool] public static string Echo(string m) => m;\n}";
        var d = Single(source, out var result);
        AssertAt(d, "MCPF0003", "Type 'Plain' declares MCP tools but is not partial; add the 'partial' modifier so McpForge can generate its tool table", 1, 13, "Plain", source);
        Assert.Empty(result.Generated);
    }

    [Fact]
    public void MCPF0003_a_containing_type_that_is_not_partial_is_reported_too()
    {
        const string source = "public class Outer\n{\n    public partial class Inner { [McpTool] public static string Echo(string m) => m; }\n}";
        var d = Single(source, out _);
        AssertAt(d, "MCPF0003", "Type 'Outer' declares MCP tools but is not partial; add the 'partial' modifier so McpForge can generate its tool table", 1, 13, "Outer", source);
    }

    [Theory]
    [InlineData("public static partial class S { [McpTool] public static string Echo(string m) => m; }", "S", "static", 28)]
    [InlineData("public partial class G<T> { [McpTool] public static string Echo(string m) => m; }", "G<T>", "generic", 21)]
    public void MCPF0004_static_and_generic_classes(string source, string name, string what, int column)
    {
        var d = Single(source, out var result);
        AssertAt(d, "MCPF0004", $"Type '{name}' declares MCP tools but is {what}; declare tools in a non-generic, non-static partial class", 1, column, name[..1], source);
        Assert.Empty(result.Generated);
    }

    [Theory]
    [InlineData("bad name!")]
    [InlineData("")]
    public void MCPF0005_invalid_tool_names_point_at_the_attribute_argument(string name)
    {
        var source = $"public partial class T\n{{\n    [McpTool(\"{name}\")] public static string Echo(string m) => m;\n}}";
        var d = Single(source, out var result);
        AssertAt(d, "MCPF0005", $"Tool name '{name}' is invalid; a tool name is 1 to 128 characters of A-Z, a-z, 0-9, '_', '-' and '.'", 3, 13, $"\"{name}\"", source);
        Assert.Empty(result.Generated);
    }

    [Fact]
    public void MCPF0005_a_name_of_129_characters_is_too_long_and_128_is_fine()
    {
        var ok = GeneratorHarness.Run($"using McpForge; public partial class T {{ [McpTool(\"{new string('a', 128)}\")] public static void A() {{ }} }}");
        Assert.Empty(ok.GeneratorDiagnostics);
        var tooLong = GeneratorHarness.Run($"using McpForge; public partial class T {{ [McpTool(\"{new string('a', 129)}\")] public static void A() {{ }} }}");
        Assert.Equal("MCPF0005", Assert.Single(tooLong.GeneratorDiagnostics).Id);
    }

    [Theory]
    [InlineData("[McpTool] public static async void Fire() { await Task.Yield(); }", "Method 'Fire' cannot be an MCP tool: 'async void' methods cannot be awaited; return Task instead", "Fire")]
    [InlineData("[McpTool] public static string Pick<TValue>(string m) => m;", "Method 'Pick' cannot be an MCP tool: generic methods cannot be tools", "Pick")]
    [InlineData("[McpTool] public static bool TryGet(string key, out int value) { value = 0; return true; }", "Method 'TryGet' cannot be an MCP tool: parameter 'value' is a 'out' parameter, which JSON arguments cannot fill", "value")]
    [InlineData("[McpTool] public static string Join(params string[] parts) => string.Join(',', parts);", "Method 'Join' cannot be an MCP tool: parameter 'parts' is a 'params' parameter, which JSON arguments cannot fill", "parts")]
    public void MCPF0006_method_shapes_a_call_cannot_drive(string member, string message, string spanText)
    {
        var source = "public partial class T\n{\n    " + member + "\n}";
        var d = Single(source, out var result);
        Assert.Equal("MCPF0006", d.Id);
        Assert.Equal(message, d.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        var full = "using System; using System.IO; using System.Threading.Tasks; using McpForge;\n" + source;
        Assert.Equal(spanText, full.Substring(d.Location.SourceSpan.Start, d.Location.SourceSpan.Length));
        Assert.Empty(result.Generated);
    }

    [Fact]
    public void A_bad_tool_does_not_hide_the_good_tools_of_its_class()
    {
        var result = GeneratorHarness.Run("using System.IO; using McpForge; public partial class T { [McpTool] public static void Bad(Stream s) { } [McpTool] public static string Good(string m) => m; }");
        Assert.Equal("MCPF0001", Assert.Single(result.GeneratorDiagnostics).Id);
        var generated = Assert.Single(result.Generated).Text;
        Assert.Contains("new(\"good\"", generated);
        Assert.DoesNotContain("new(\"bad\"", generated);
    }
}
