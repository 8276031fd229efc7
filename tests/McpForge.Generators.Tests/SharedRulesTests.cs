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
    // User types the probes below use: a record, a class with settable and init properties, a recursive class, a
    // struct, and the ones the rules reject (with a framework-typed member, with no usable constructor, abstract).
    private const string UserTypes = """
        public enum Shade { Light, Dark }
        public sealed record Point(int X, int Y);
        public sealed class Box { public string Label { get; set; } = ""; public System.Collections.Generic.List<Point> Corners { get; init; } = []; }
        public sealed class Node { public string Name { get; set; } = ""; public System.Collections.Generic.List<Node> Children { get; set; } = []; }
        public readonly record struct Size(double Width, double Height);
        public sealed record Holder(System.IO.Stream Data);
        public sealed class TwoWays { public TwoWays(int a) { A = a; } public TwoWays(string a) { A = a.Length; } public int A { get; } }
        public abstract class Shape { public string Name { get; set; } = ""; }
        public sealed class Empty { }
        """;

    private static readonly (string Type, bool Accepted)[] s_parameterTypes =
    [
        ("string", true), ("bool", true), ("byte", true), ("sbyte", true), ("short", true), ("ushort", true), ("int", true), ("uint", true),
        ("long", true), ("ulong", true), ("System.Int128", true), ("System.UInt128", true), ("float", true), ("double", true), ("decimal", true),
        ("System.Half", true), ("char", true), ("System.DayOfWeek", true), ("System.Guid", true), ("System.DateTime", true),
        ("System.DateTimeOffset", true), ("System.DateOnly", true), ("System.TimeOnly", true), ("System.TimeSpan", true), ("System.Uri", true),
        ("int?", true), ("string?", true), ("System.Guid?", true), ("System.DayOfWeek?", true),
        ("int[]", true), ("string[]", true), ("System.Collections.Generic.List<double>", true), ("System.Collections.Generic.IReadOnlyList<System.DayOfWeek>", true),
        ("System.Collections.Generic.IEnumerable<System.Guid>", true), ("System.Collections.Generic.IList<long>", true), ("System.Collections.Generic.ICollection<char>", true),
        ("System.Collections.Generic.IReadOnlyCollection<System.DateOnly>", true), ("string?[]", true), ("System.Collections.Generic.List<string>?", true),
        // the serializers: nested collections, dictionaries, sets, bytes, JSON, and user types
        ("int[][]", true), ("System.Collections.Generic.List<int?>", true), ("System.Collections.Generic.Dictionary<string, int>", true),
        ("System.Collections.Generic.IReadOnlyDictionary<string, Point>", true), ("System.Collections.Generic.HashSet<int>", true),
        ("System.Collections.Generic.ISet<Shade>", true), ("System.Text.Json.JsonElement", true), ("System.Text.Json.JsonElement?", true),
        ("byte[]", true), ("System.Collections.Generic.List<System.Collections.Generic.List<int>>", true), ("Point", true), ("Point?", true),
        ("Box", true), ("Node", true), ("Size", true), ("Size?", true), ("System.Collections.Generic.List<Box>", true),
        ("System.Collections.Generic.Dictionary<string, System.Collections.Generic.List<Node?>>", true),
        // rejected
        ("object", false), ("System.IO.Stream", false), ("System.Action", false), ("byte[,]", false), ("System.Tuple<int, int>", false),
        ("(int, int)", false), ("dynamic", false), ("System.IntPtr", false), ("System.Collections.Generic.Dictionary<int, string>", false),
        ("Holder", false), ("TwoWays", false), ("Shape", false), ("Empty", false), ("System.Collections.Generic.List<Holder>", false),
        ("System.IComparable", false),
    ];

    [Fact]
    public async System.Threading.Tasks.Task The_generator_generates_exactly_the_tools_the_analyzer_accepts()
    {
        var methods = s_parameterTypes.Select((type, i) =>
            $"    [McpTool(\"t{i}\"), System.ComponentModel.Description(\"Takes {type.Type}.\")] public static string T{i}({type.Type} value) => \"ok\";");
        var source = "using McpForge;\npublic partial class Probe\n{\n" + string.Join("\n", methods) + "\n}\n" + UserTypes;

        var compilation = GeneratorHarness.Compile(source);
        var analyzerErrors = (await compilation
            .WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new ComponentAnalyzer()))
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
                $"{s_parameterTypes[i].Type}: generated={isGenerated}, rejected by the analyzer={rejected.Contains(i)}");
            Assert.True(isGenerated == s_parameterTypes[i].Accepted, $"{s_parameterTypes[i].Type}: generated={isGenerated}, expected {s_parameterTypes[i].Accepted}");
        }
    }

    private static readonly (string Type, bool Accepted)[] s_returnTypes =
    [
        ("string", true), ("int", true), ("Point", true), ("Point?", true), ("Box", true), ("Node", true), ("Size", true), ("Size?", true),
        ("System.Threading.Tasks.Task<Box>", true), ("System.Threading.Tasks.ValueTask<Node?>", true), ("Point[]", true),
        ("System.Collections.Generic.List<Box>", true), ("System.Collections.Generic.Dictionary<string, Point>", true), ("byte[]", true),
        ("System.Text.Json.JsonElement", true), ("TwoWays", true), // written only: no constructor needed
        ("object", false), ("System.IO.Stream", false), ("Holder", false), ("Shape", false), ("Empty", false), ("System.Collections.Generic.List<Holder>", false),
    ];

    [Fact]
    public async System.Threading.Tasks.Task Return_types_follow_the_same_rules_in_the_generator_and_the_analyzer()
    {
        var methods = s_returnTypes.Select((type, i) =>
            $"    [McpTool(\"r{i}\"), System.ComponentModel.Description(\"Returns {type.Type}.\")] public static {type.Type} R{i}() => default!;");
        var source = "using McpForge;\npublic partial class Probe\n{\n" + string.Join("\n", methods) + "\n}\n" + UserTypes;

        var compilation = GeneratorHarness.Compile(source);
        var rejected = (await compilation
            .WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new ComponentAnalyzer()))
            .GetAnalyzerDiagnosticsAsync(CancellationToken.None))
            .Where(d => d.Severity == DiagnosticSeverity.Error)
            .Select(d => d.Location.SourceTree!.GetLineSpan(d.Location.SourceSpan).StartLinePosition.Line - 3)
            .ToHashSet();

        var result = GeneratorHarness.Run(source);
        Assert.Empty(result.GeneratorDiagnostics);
        Assert.True(result.CompilationDiagnostics.All(d => d.Severity < DiagnosticSeverity.Error),
            "generated code does not compile:\n" + string.Join("\n", result.CompilationDiagnostics));
        var generated = result.Generated.Single(g => g.HintName == "Probe.McpTools.g.cs").Text;
        for (var i = 0; i < s_returnTypes.Length; i++)
        {
            var isGenerated = generated.Contains($"new(\"r{i}\"", System.StringComparison.Ordinal);
            Assert.True(isGenerated != rejected.Contains(i), $"{s_returnTypes[i].Type}: generated={isGenerated}, rejected={rejected.Contains(i)}");
            Assert.True(isGenerated == s_returnTypes[i].Accepted, $"{s_returnTypes[i].Type}: generated={isGenerated}, expected {s_returnTypes[i].Accepted}");
        }
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
