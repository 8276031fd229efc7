using System.Threading.Tasks;
using static McpForge.Analyzers.Tests.Verifier;

namespace McpForge.Analyzers.Tests;

/// <summary>MCPF0023: a hand-written <c>InputSchema</c> is checked at build time.</summary>
public sealed class InputSchemaAnalyzerTests
{
    [Theory]
    [InlineData("""{"type":"object","properties":{"a":{"type":"string"}""", "',' or '}' was expected at character 52")]
    [InlineData("""{"type":"object",}""", "a property name (a string) was expected at character 17")]
    [InlineData("""{'type':'object'}""", "a property name (a string) was expected at character 1")]
    [InlineData("""[]""", "it is not a JSON object")]
    [InlineData("""{"type":"string"}""", "it has no \"type\": \"object\" (MCP requires an object schema for tool input)")]
    [InlineData("""{"type":"object"} x""", "unexpected text after the end at character 18")]
    public Task MCPF0023_invalid_schemas_point_at_the_argument(string schema, string reason) => AnalyzeAsync<ComponentAnalyzer>(
        "public partial class T { [McpTool(\"t\", {|#0:InputSchema = " + Literal(schema) + "|}), Description(\"T.\")] public static string F(string a) => a; }",
        Diagnostic("MCPF0023").WithLocation(0).WithArguments("t", reason));

    [Fact]
    public Task MCPF0023_near_miss_a_2020_12_schema_with_defs_and_whitespace() => AnalyzeAsync<ComponentAnalyzer>(
        "public partial class T { [McpTool(\"t\", InputSchema = " + Literal("""
            {"$schema": "https://json-schema.org/draft/2020-12/schema",
             "type": "object", "$defs": { "a": { "type": "string", "pattern": "^\\d+$" } },
             "properties": { "a": { "$ref": "#/$defs/a" }, "n": { "type": "number", "minimum": -1.5e3 } },
             "additionalProperties": false}
            """) + "), Description(\"T.\")] public static string F(string? a = null, double n = 0) => a ?? \"\"; }");

    private static string Literal(string text) =>
        "\"" + text.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\r", "").Replace("\n", "\\n") + "\"";
}
