using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text.RegularExpressions;
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

    /// <summary>Validation attributes of the matrix, with what shows in generated code that a slot is checked for them (null: it holds by the slot's type alone).</summary>
    private static readonly (string Attribute, string? Check)[] s_attributes =
    [
        ("Range(1, 10)", @"ToolValidation\.Range\("),
        ("Range(typeof(DateTime), \"2020-01-01\", \"2030-01-01\")", "must be at least"),
        ("Range(typeof(int), \"1\", \"10\")", @"ToolValidation\.Range\("),
        ("StringLength(10)", @"ToolValidation\.Length\("),
        ("MinLength(1)", @"ToolValidation\.Length\("),
        ("Length(1, 5)", @"ToolValidation\.Length\("),
        ("RegularExpression(\"^a\")", @"ToolValidation\.Pattern\("),
        ("EmailAddress", @"ToolValidation\.Email\("),
        ("Url", @"ToolValidation\.Url\("),
        ("Phone", "must be a phone number"),
        ("CreditCard", "must be a credit card number"),
        ("Base64String", @"ToolValidation\.Base64\("),
        ("AllowedValues(\"a\", \"b\")", @"ToolValidation\.NotAllowed\("),
        ("DeniedValues(1, 2)", @"ToolValidation\.Denied\("),
        ("AllowedValues(Shade.Dark)", @"ToolValidation\.NotAllowed\("),
        ("Required", @"ToolValidation\.NotEmpty\(|must not be null"),
        ("DataType(DataType.Date)", null),
        ("Compare(\"Other\")", null),
        ("Even", null),
    ];

    private static readonly string[] s_slotTypes =
        ["string", "string?", "int", "int?", "double", "bool", "Shade", "System.DateTime", "System.DateOnly", "System.TimeSpan", "System.Collections.Generic.List<string>"];

    /// <summary>Where the attribute sits: on a tool parameter, on a member of a record argument, on a member of a record in a list in one.</summary>
    private static readonly string[] s_depths = ["parameter", "member", "nested member"];

    [Fact]
    public async System.Threading.Tasks.Task Every_validation_attribute_on_every_type_at_every_depth_is_either_enforced_or_reported()
    {
        // One cell a line: its records (if any) and its tool, so that a diagnostic's line names its cell.
        var cells = new List<(string Attribute, string? Check, string Type, string Depth)>();
        var lines = new List<string>();
        foreach (var (attribute, check) in s_attributes)
        foreach (var type in s_slotTypes)
        foreach (var depth in s_depths.Where(d => d != "parameter" || !attribute.StartsWith("Compare", StringComparison.Ordinal))) // C# allows [Compare] on properties only
        {
            var i = cells.Count;
            cells.Add((attribute, check, type, depth));
            var tool = $"public partial class Cell{i} {{ [McpTool(\"c{i}\"), System.ComponentModel.Description(\"Cell.\")] public static string Run(";
            lines.Add(depth switch
            {
                "parameter" => tool + $"[{attribute}] {type} v{i}) => \"\"; }}",
                "member" => $"public sealed record R{i}([property: {attribute}] {type} V{i}, int Other = 0); " + tool + $"R{i} r) => \"\"; }}",
                _ => $"public sealed record R{i}([property: {attribute}] {type} V{i}, int Other = 0); public sealed record O{i}(System.Collections.Generic.List<R{i}> Items); "
                    + tool + $"O{i} o) => \"\"; }}",
            });
        }
        var header = """
            using System; using System.ComponentModel.DataAnnotations; using McpForge;
            public enum Shade { Light, Dark }
            public sealed class EvenAttribute : ValidationAttribute { public override bool IsValid(object? value) => value is int i && i % 2 == 0; }

            """;
        var source = header + string.Join("\n", lines);
        var firstLine = header.Split('\n').Length - 1;

        var diagnostics = (await GeneratorHarness.Compile(source)
            .WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new ComponentAnalyzer()))
            .GetAnalyzerDiagnosticsAsync(CancellationToken.None))
            .Where(d => d.Id is "MCPF0022" or "MCPF0027" or "MCPF0028")
            .ToLookup(d => d.Location.GetLineSpan().StartLinePosition.Line - firstLine);
        var result = GeneratorHarness.Run(source);
        Assert.Empty(result.GeneratorDiagnostics);
        Assert.True(result.CompilationDiagnostics.All(d => d.Severity < DiagnosticSeverity.Error),
            "generated code does not compile:\n" + string.Join("\n", result.CompilationDiagnostics.Take(10)));
        var generated = string.Join("\n", result.Generated.Select(g => g.Text)).Split('\n');

        var outcomes = new Dictionary<string, int>();
        for (var i = 0; i < cells.Count; i++)
        {
            var (attribute, check, type, depth) = cells[i];
            var cell = $"[{attribute}] on {type} ({depth})";
            var reported = diagnostics[i].ToList();
            var isGenerated = generated.Any(l => l.Contains($"new(\"c{i}\", ", StringComparison.Ordinal));
            var name = $"\"v{i}\"";
            var isChecked = check is not null && generated.Any(l => l.Contains(name, StringComparison.Ordinal) && Regex.IsMatch(l, check));

            Assert.True(reported.Count <= 1, $"{cell}: reported {reported.Count} times");
            // The generator leaves out what the analyzers reject, and keeps what they only warn about.
            Assert.True(isGenerated == !reported.Any(d => d.Severity == DiagnosticSeverity.Error), $"{cell}: generated={isGenerated}, reported {string.Join(", ", reported)}");
            // Enforced, reported, or holding by the type alone ([DataType] only describes; [Required] on a value that is
            // never null or blank): never silently ignored.
            var holds = reported.Count == 0 && !isChecked
                && (attribute.StartsWith("DataType", StringComparison.Ordinal) || attribute == "Required" && type != "string" && !type.EndsWith('?'));
            Assert.True(isChecked ^ reported.Count > 0 || holds, $"{cell}: checked={isChecked}, reported {string.Join(", ", reported)}");
            var outcome = reported.Count > 0 ? reported[0].Id : isChecked ? "checked" : "holds";
            outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
        }

        // The matrix means something only if every outcome happens; and the cases the issue found are enforced at every depth.
        Assert.True(outcomes.Keys.Order().SequenceEqual(["MCPF0022", "MCPF0027", "checked", "holds"]), string.Join(", ", outcomes));
        foreach (var (attribute, type) in new[] { ("Phone", "string"), ("Range(typeof(DateTime), \"2020-01-01\", \"2030-01-01\")", "System.DateTime") })
        {
            Assert.All(s_depths, depth => Assert.Empty(diagnostics[cells.IndexOf((attribute, s_attributes.First(a => a.Attribute == attribute).Check, type, depth))]));
        }
    }

    /// <summary>Parameter types under <c>[McpHeader]</c>, with whether MCP 2026-07-28 lets a header carry them (MCPF0029 otherwise).</summary>
    private static readonly (string Type, bool Accepted)[] s_headerTypes =
    [
        ("string", true), ("string?", true), ("bool", true), ("bool?", true), ("byte", true), ("sbyte", true), ("short", true), ("ushort", true),
        ("int", true), ("int?", true), ("uint", true), ("char", true), ("Shade", true), ("System.Guid", true), ("System.DateTime", true),
        ("System.DateOnly", true), ("System.TimeSpan", true), ("System.Uri", true), ("[System.ComponentModel.DataAnnotations.Range(-5, 5)] long", true),
        ("long", false), ("ulong", false), ("System.Int128", false), ("float", false), ("double", false), ("decimal", false), ("System.Half", false),
        ("int[]", false), ("System.Collections.Generic.List<string>", false), ("System.Collections.Generic.Dictionary<string, int>", false),
        ("byte[]", false), ("System.Text.Json.JsonElement", false), ("Point", false),
    ];

    [Fact]
    public async System.Threading.Tasks.Task McpHeader_is_generated_into_x_mcp_header_exactly_where_the_analyzer_accepts_it()
    {
        var methods = s_headerTypes.Select((type, i) =>
            $"    [McpTool(\"h{i}\"), System.ComponentModel.Description(\"Takes {type.Type}.\")] public static string H{i}([McpHeader(\"Value\")] {type.Type} value) => \"ok\";");
        var source = "using McpForge;\npublic partial class Probe\n{\n" + string.Join("\n", methods) + "\n}\n" + UserTypes;

        var rejected = (await GeneratorHarness.Compile(source)
            .WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new ComponentAnalyzer()))
            .GetAnalyzerDiagnosticsAsync(CancellationToken.None))
            .Where(d => d.Severity == DiagnosticSeverity.Error)
            .ToDictionary(d => d.Location.SourceTree!.GetLineSpan(d.Location.SourceSpan).StartLinePosition.Line - 3, d => d.Id);

        var result = GeneratorHarness.Run(source);
        Assert.Empty(result.GeneratorDiagnostics);
        Assert.True(result.CompilationDiagnostics.All(d => d.Severity < DiagnosticSeverity.Error),
            "generated code does not compile:\n" + string.Join("\n", result.CompilationDiagnostics));
        var lines = result.Generated.Single(g => g.HintName == "Probe.McpTools.g.cs").Text.Split('\n');
        for (var i = 0; i < s_headerTypes.Length; i++)
        {
            var entry = lines.SingleOrDefault(l => l.Contains($"new(\"h{i}\"", StringComparison.Ordinal));
            var type = s_headerTypes[i].Type;
            Assert.True(s_headerTypes[i].Accepted == (entry is not null), $"{type}: generated={entry is not null}");
            Assert.True(s_headerTypes[i].Accepted != rejected.ContainsKey(i), $"{type}: rejected={rejected.GetValueOrDefault(i)}");
            if (entry is null)
            {
                Assert.Equal("MCPF0029", rejected[i]);
                continue;
            }
            Assert.Contains("\"x-mcp-header\":\"Value\"", entry);
            Assert.Contains("ParamHeaders = [new global::McpForge.Tools.McpParamHeader(\"Value\", \"value\")]", entry);
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
