using System.Collections.Immutable;
using System.Diagnostics;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using McpForge.Analyzers;
using McpForge.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace McpForge.Generators.Tests;

/// <summary>The generator and the analyzers over a project of 500 tools in 50 classes: clean output, and the time it takes.</summary>
public sealed class ScaleTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Five_hundred_tools_in_fifty_classes_generate_and_analyze_cleanly()
    {
        var sources = Enumerable.Range(0, 50).Select(c =>
        {
            var text = new StringBuilder($"using McpForge; using System.Threading.Tasks;\nnamespace Big{c};\npublic sealed partial class Tools{c}\n{{\n");
            for (var t = 0; t < 10; t++)
            {
                text.Append($"    /// <summary>Tool {t} of class {c}.</summary>\n    /// <param name=\"text\">Some text.</param>\n");
                text.Append($"    [McpTool(\"c{c}_t{t}\")] public static async Task<string> Run{t}(string text, int count = 3, double? ratio = null, string[]? tags = null)\n");
                text.Append("    { await Task.Yield(); return text + count; }\n");
            }
            return text.Append("}\n").ToString();
        }).ToArray();

        var result = GeneratorHarness.Run(sources);
        Assert.Empty(result.GeneratorDiagnostics);
        Assert.Empty(result.CompilationDiagnostics);
        Assert.Equal(52, result.Generated.Length); // 50 tool tables, AddGeneratedComponents and the shared serializers (string[])

        // Timed on their own, on a fresh compilation: the generator's run, then the analyzers'.
        var compilation = GeneratorHarness.Compile(sources);
        var generator = Stopwatch.StartNew();
        CSharpGeneratorDriver.Create([new McpGenerator().AsSourceGenerator()], parseOptions: GeneratorHarness.ParseOptions)
            .RunGenerators(compilation, CancellationToken.None);
        generator.Stop();
        compilation = GeneratorHarness.Compile(sources);
        var analyzers = Stopwatch.StartNew();
        var diagnostics = await compilation
            .WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new ComponentAnalyzer(), new ConsoleOutputAnalyzer(), new AddToolsAnalyzer()))
            .GetAnalyzerDiagnosticsAsync(CancellationToken.None);
        analyzers.Stop();
        Assert.Empty(diagnostics);

        output.WriteLine($"500 tools / 50 classes: generator {generator.ElapsedMilliseconds} ms, analyzers {analyzers.ElapsedMilliseconds} ms");
        Assert.True(generator.ElapsedMilliseconds < 60_000 && analyzers.ElapsedMilliseconds < 60_000, "far slower than expected");
    }
}
