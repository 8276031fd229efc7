using System.Linq;
using McpForge.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace McpForge.Generators.Tests;

/// <summary>Descriptions come from doc comments as written, the same whether or not the project generates a documentation file.</summary>
public sealed class DescriptionTests
{
    private const string Source = """
        using McpForge;
        namespace Docs;

        /// <summary>A point &amp; its label.</summary>
        /// <param name="Label">What it is called &amp; shown as.</param>
        public sealed record Point(int X, string Label);

        public partial class DocTools
        {
            /// <summary>
            /// Finds a <see cref="System.IO.Path"/>, a <see cref="System.Collections.Generic.List{T}">list</see> or
            /// <see langword="null"/> near <paramref name="point"/>; <c>x &lt; 3</c> <![CDATA[a<b]]>.
            /// <para>Then stops.</para>
            /// </summary>
            /// <param name="point">Where to look.</param>
            /// <returns>What was found.</returns>
            [McpTool("find")]
            public static Point Find(Point point) => point;
        }
        """;

    [Theory]
    [InlineData(DocumentationMode.None)]
    [InlineData(DocumentationMode.Parse)]
    [InlineData(DocumentationMode.Diagnose)]
    public void Doc_comments_are_read_as_written_in_every_documentation_mode(DocumentationMode mode)
    {
        var result = GeneratorHarness.Run(GeneratorHarness.ParseOptions.WithDocumentationMode(mode), Source);
        Assert.Empty(result.GeneratorDiagnostics);
        var tools = result.Generated.Single(g => g.HintName == "Docs.DocTools.McpTools.g.cs").Text;
        Assert.Contains(
            "\"description\":\"Finds a Path, a list or null near point; x < 3 a<b. Then stops.\"",
            tools);
        Assert.Contains("\"description\":\"Where to look.\"", tools);
        Assert.Contains("\"label\":{\"type\":\"string\",\"description\":\"What it is called & shown as.\"}", tools);
    }
}
