using System.Linq;
using McpForge.Generators.Tests.Infrastructure;

namespace McpForge.Generators.Tests;

/// <summary>A tool's <c>tools/list</c> entry is written once when both schema styles give the same bytes, twice only when they differ.</summary>
public sealed class ToolTableTests
{
    [Fact]
    public void A_tool_whose_schema_styles_agree_is_listed_with_one_entry_and_one_that_differs_with_two()
    {
        var text = GeneratorHarness.RunClean("""
            using McpForge;
            namespace Table;
            public partial class Tools
            {
                /// <summary>Same in both styles.</summary>
                [McpTool("plain")] public static string Plain(string text, int count = 1) => text;
                /// <summary>A required nullable argument: null in the strict style, optional in the LLM-friendly one.</summary>
                [McpTool("maybe")] public static string Maybe(string? text) => text ?? "";
            }
            """).Generated.Single(g => g.HintName == "Table.Tools.McpTools.g.cs").Text;
        var lines = text.Split('\n');
        var plain = lines.Single(l => l.Contains("new(\"plain\", ", System.StringComparison.Ordinal));
        var maybe = lines.Single(l => l.Contains("new(\"maybe\", ", System.StringComparison.Ordinal));
        Assert.Equal(1, Count(plain, "\"\"\"u8"));
        Assert.Equal(2, Count(maybe, "\"\"\"u8"));
        Assert.Contains("\"text\":{\"type\":[\"string\",\"null\"]}},\"required\":[\"text\"]", maybe);
        Assert.Contains("\"text\":{\"type\":\"string\"}},\"additionalProperties\":false", maybe);
    }

    private static int Count(string text, string part) => (text.Length - text.Replace(part, "", System.StringComparison.Ordinal).Length) / part.Length;
}
