using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using McpForge.Analyzers;
using McpForge.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace McpForge.Generators.Tests;

/// <summary>
/// The generator and the analyzers agree: every tool the analyzers accept gets generated code that compiles, and
/// every tool they reject is left out by the generator, which itself stays silent.
/// </summary>
public sealed class SharedRulesTests
{
    private static readonly string[] s_parameterTypes =
    [
        // accepted
        "string", "bool", "byte", "sbyte", "short", "ushort", "int", "uint", "long", "ulong", "System.Int128", "System.UInt128",
        "float", "double", "decimal", "System.Half", "char", "System.DayOfWeek", "System.Guid", "System.DateTime", "System.DateTimeOffset",
        "System.DateOnly", "System.TimeOnly", "System.TimeSpan", "System.Uri", "int?", "string?", "System.Guid?", "System.DayOfWeek?",
        "int[]", "string[]", "System.Collections.Generic.List<double>", "System.Collections.Generic.IReadOnlyList<System.DayOfWeek>",
        "System.Collections.Generic.IEnumerable<System.Guid>", "System.Collections.Generic.IList<long>", "System.Collections.Generic.ICollection<char>",
        "System.Collections.Generic.IReadOnlyCollection<System.DateOnly>", "string?[]", "System.Collections.Generic.List<string>?",
        // rejected (for now: user types arrive with the serializers)
        "object", "System.IO.Stream", "System.Action", "int[][]", "System.Collections.Generic.List<int?>", "System.Collections.Generic.Dictionary<string, int>",
        "System.Collections.Generic.HashSet<int>", "System.Text.Json.JsonElement", "byte[,]", "System.Tuple<int, int>", "(int, int)", "dynamic",
        "System.Collections.Generic.List<System.Collections.Generic.List<int>>", "System.IntPtr",
    ];

    [Fact]
    public async System.Threading.Tasks.Task The_generator_generates_exactly_the_tools_the_analyzer_accepts()
    {
        var methods = s_parameterTypes.Select((type, i) =>
            $"    [McpTool(\"t{i}\"), System.ComponentModel.Description(\"Takes {type}.\")] public static string T{i}({type} value) => \"ok\";");
        var source = "using McpForge;\npublic partial class Probe\n{\n" + string.Join("\n", methods) + "\n}\n";

        var compilation = GeneratorHarness.Compile(source);
        var analyzerErrors = (await compilation
            .WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new ToolAnalyzer()))
            .GetAnalyzerDiagnosticsAsync(CancellationToken.None))
            .Where(d => d.Severity == DiagnosticSeverity.Error)
            .ToList();
        var rejected = analyzerErrors
            .Select(d => d.Location.SourceTree!.GetLineSpan(d.Location.SourceSpan).StartLinePosition.Line - 3)
            .ToHashSet();

        var result = GeneratorHarness.Run(source);
        Assert.Empty(result.GeneratorDiagnostics);
        Assert.True(result.CompilationDiagnostics.All(d => d.Severity < DiagnosticSeverity.Error),
            "generated code does not compile:\n" + string.Join("\n", result.CompilationDiagnostics));
        var generated = result.Generated.Single(g => g.HintName == "Probe.McpTools.g.cs").Text;

        for (var i = 0; i < s_parameterTypes.Length; i++)
        {
            var isGenerated = generated.Contains($"new(\"t{i}\"", System.StringComparison.Ordinal);
            Assert.True(isGenerated != rejected.Contains(i),
                $"{s_parameterTypes[i]}: generated={isGenerated}, rejected by the analyzer={rejected.Contains(i)}");
        }
        Assert.Equal(39, s_parameterTypes.Length - rejected.Count); // every "accepted" type above
    }

    [Theory]
    [InlineData("[McpTool] public static void Bad(System.IO.Stream s) { }")]
    [InlineData("[McpTool] public static System.IO.Stream Bad() => null!;")]
    [InlineData("[McpTool(\"bad name!\")] public static void Bad() { }")]
    [InlineData("[McpTool] public static async void Bad() { await System.Threading.Tasks.Task.Yield(); }")]
    [InlineData("[McpTool] public static void Bad(out int x) { x = 1; }")]
    [InlineData("[McpTool] public static void Bad<TValue>() { }")]
    public void A_rejected_tool_is_left_out_silently_and_the_rest_of_its_class_is_generated(string badTool)
    {
        var result = GeneratorHarness.Run("using McpForge; public partial class T { " + badTool + " [McpTool] public static string Good(string m) => m; }");
        Assert.Empty(result.GeneratorDiagnostics);
        var generated = result.Generated.Single(g => g.HintName == "T.McpTools.g.cs").Text;
        Assert.Contains("new(\"good\"", generated);
        Assert.DoesNotContain("Invoke_Bad", generated);
    }

    [Fact]
    public void A_class_that_is_not_partial_gets_no_code()
    {
        var result = GeneratorHarness.Run("using McpForge; public class T { [McpTool] public static string Echo(string m) => m; }");
        Assert.Empty(result.GeneratorDiagnostics);
        Assert.Empty(result.Generated);
    }
}
