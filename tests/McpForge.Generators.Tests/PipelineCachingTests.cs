using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Threading;
using McpForge.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace McpForge.Generators.Tests;

/// <summary>The incremental pipeline stays cached on edits that do not touch a tool, and its model holds no Roslyn objects.</summary>
public sealed class PipelineCachingTests
{
    private const string Tools = """
        using McpForge;
        namespace App;
        public partial class AppTools
        {
            /// <summary>Echoes.</summary>
            [McpTool("echo")] public static string Echo(string message) => message;
            [McpTool("add")] public static int Add(int a, int b) => a + b;
        }
        """;

    private const string Unrelated = """
        namespace App;
        public class Helper { public int Twice(int x) => x * 2; }
        """;

    private static readonly string[] s_trackedSteps = typeof(McpGenerator).Assembly
        .GetType("McpForge.Generators.TrackingNames")!
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (string)f.GetValue(null)!)
        .ToArray();

    private static (GeneratorDriver Driver, CSharpCompilation Compilation) FirstRun(params string[] sources)
    {
        var compilation = GeneratorHarness.Compile(sources);
        GeneratorDriver driver = CSharpGeneratorDriver.Create(
            [new McpGenerator().AsSourceGenerator()],
            parseOptions: GeneratorHarness.ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));
        return (driver.RunGenerators(compilation, CancellationToken.None), compilation);
    }

    private static GeneratorRunResult Rerun(GeneratorDriver driver, Compilation compilation) =>
        driver.RunGenerators(compilation, CancellationToken.None).GetRunResult().Results.Single();

    private static SyntaxTree Replace(CSharpCompilation compilation, int index, string text) =>
        CSharpSyntaxTree.ParseText(text, GeneratorHarness.ParseOptions, path: compilation.SyntaxTrees.ElementAt(index).FilePath);

    [Fact]
    public void An_unrelated_edit_leaves_every_step_and_output_cached()
    {
        var (driver, compilation) = FirstRun(Tools, Unrelated);
        var edited = compilation.ReplaceSyntaxTree(compilation.SyntaxTrees.ElementAt(1), Replace(compilation, 1, Unrelated.Replace("x * 2", "x + x")));
        var run = Rerun(driver, edited);

        foreach (var step in s_trackedSteps.Where(run.TrackedSteps.ContainsKey))
        {
            Assert.All(run.TrackedSteps[step].SelectMany(s => s.Outputs), o =>
                Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"{step} was {o.Reason}"));
        }
        Assert.True(run.TrackedSteps.ContainsKey("ToolTypes"));
        Assert.All(run.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs), o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
    }

    [Fact]
    public void A_new_unrelated_file_leaves_the_tool_types_cached()
    {
        var (driver, compilation) = FirstRun(Tools);
        var run = Rerun(driver, compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText(Unrelated, GeneratorHarness.ParseOptions, path: "New.cs")));
        Assert.All(run.TrackedSteps["ToolTypes"].SelectMany(s => s.Outputs), o =>
            Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, "ToolTypes was " + o.Reason));
    }

    [Fact]
    public void Editing_a_tool_description_modifies_its_type()
    {
        var (driver, compilation) = FirstRun(Tools, Unrelated);
        var edited = compilation.ReplaceSyntaxTree(compilation.SyntaxTrees.First(), Replace(compilation, 0, Tools.Replace("Echoes.", "Echoes the message.")));
        var run = Rerun(driver, edited);
        Assert.Contains(run.TrackedSteps["ToolTypes"].SelectMany(s => s.Outputs), o => o.Reason == IncrementalStepRunReason.Modified);
        Assert.Contains("Echoes the message.", run.GeneratedSources.Single(s => s.HintName == "App.AppTools.McpTools.g.cs").SourceText.ToString());
    }

    [Fact]
    public void Editing_a_tool_method_body_changes_nothing_generated()
    {
        var (driver, compilation) = FirstRun(Tools);
        var edited = compilation.ReplaceSyntaxTree(compilation.SyntaxTrees.First(), Replace(compilation, 0, Tools.Replace("a + b", "b + a")));
        var run = Rerun(driver, edited);
        Assert.All(run.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs), o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
    }

    [Fact]
    public void Editing_a_method_body_to_a_new_length_leaves_every_tool_after_it_unchanged()
    {
        // Spec equality must not depend on where a method sits in the file: a longer body moves every later tool.
        var (driver, compilation) = FirstRun(Tools, Unrelated);
        var edited = compilation.ReplaceSyntaxTree(compilation.SyntaxTrees.First(), Replace(compilation, 0, Tools.Replace("=> message;", "=> message + string.Empty;")));
        var run = Rerun(driver, edited);
        Assert.All(run.TrackedSteps["ToolMethods"].SelectMany(s => s.Outputs), o =>
            Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, "ToolMethods was " + o.Reason));
        Assert.All(run.TrackedSteps["ToolTypes"].SelectMany(s => s.Outputs), o =>
            Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, "ToolTypes was " + o.Reason));
        Assert.All(run.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs), o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
    }

    [Fact]
    public void Editing_one_doc_comment_modifies_only_that_tool()
    {
        var (driver, compilation) = FirstRun(Tools, Unrelated);
        var edited = compilation.ReplaceSyntaxTree(compilation.SyntaxTrees.First(), Replace(compilation, 0, Tools.Replace("Echoes.", "Echoes what it is given.")));
        var run = Rerun(driver, edited);
        var reasons = run.TrackedSteps["ToolMethods"].SelectMany(s => s.Outputs).Select(o => o.Reason).ToList();
        Assert.Equal(1, reasons.Count(r => r == IncrementalStepRunReason.Modified));
        Assert.Equal(reasons.Count - 1, reasons.Count(r => r is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged));
    }

    private const string ShapeTools = """
        using McpForge;
        namespace App;
        public partial class ShapeTools
        {
            /// <summary>Moves a point.</summary>
            [McpTool("move")] public static Point Move(Point point, int dx) => point with { X = point.X + dx };
        }
        """;

    private const string PointType = """
        namespace App;
        public sealed record Point(int X, int Y);
        """;

    [Fact]
    public void Editing_a_user_type_in_another_file_regenerates_its_tools_and_serializers()
    {
        var (driver, compilation) = FirstRun(ShapeTools, PointType, Unrelated);
        var edited = compilation.ReplaceSyntaxTree(compilation.SyntaxTrees.ElementAt(1), Replace(compilation, 1, PointType.Replace("int Y", "int Y, int Z")));
        var run = Rerun(driver, edited);
        Assert.Contains(run.TrackedSteps["ToolTypes"].SelectMany(s => s.Outputs), o => o.Reason == IncrementalStepRunReason.Modified);
        Assert.Contains(run.TrackedSteps["Serializers"].SelectMany(s => s.Outputs), o => o.Reason == IncrementalStepRunReason.Modified);
        var serializers = run.GeneratedSources.Single(s => s.HintName == "McpForgeJson.g.cs").SourceText.ToString();
        Assert.Contains("\"z\"u8", serializers);
        Assert.Contains("\"z\"", run.GeneratedSources.Single(s => s.HintName == "App.ShapeTools.McpTools.g.cs").SourceText.ToString());
    }

    [Fact]
    public void An_unrelated_edit_leaves_the_serializers_of_user_types_cached()
    {
        var (driver, compilation) = FirstRun(ShapeTools, PointType, Unrelated);
        var edited = compilation.ReplaceSyntaxTree(compilation.SyntaxTrees.ElementAt(2), Replace(compilation, 2, Unrelated.Replace("x * 2", "x + x")));
        var run = Rerun(driver, edited);
        Assert.All(run.TrackedSteps["Serializers"].SelectMany(s => s.Outputs), o =>
            Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, "Serializers was " + o.Reason));
        Assert.All(run.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs), o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
    }

    // ForAttributeWithMetadataName runs every transform again when the compilation changes; what must not run again is
    // the parse. Step tracking cannot tell (an output equal to the last keeps the last instance), so the generator counts
    // the parses it makes on the test's thread.
    private static (GeneratorRunResult Run, int Parsed) RerunCounting(GeneratorDriver driver, Compilation compilation)
    {
        var before = Incremental.ComponentMemo.ParsesOnThisThread;
        var run = Rerun(driver, compilation);
        return (run, Incremental.ComponentMemo.ParsesOnThisThread - before);
    }

    private const string MoreTools = """
        using McpForge;
        namespace App;
        public partial class MoreTools
        {
            /// <summary>Doubles.</summary>
            [McpTool("twice")] public static int Twice(int x) => x * 2;
            /// <summary>Greets.</summary>
            [McpTool("greet")] public static string Greet(string name, int times = Defaults.Times) => name;
        }
        """;

    private const string DefaultsFile = """
        namespace App;
        public static class Defaults
        {
            public const int Times = 3;
            public static int Compute() { return Times + 1; }
        }
        """;

    [Fact]
    public void After_an_edit_inside_a_body_in_another_file_no_tool_is_parsed_again()
    {
        var (driver, compilation) = FirstRun(Tools, MoreTools, DefaultsFile);
        var edited = compilation.ReplaceSyntaxTree(compilation.SyntaxTrees.ElementAt(2), Replace(compilation, 2, DefaultsFile.Replace("Times + 1", "Times + 2")));
        var (run, parsed) = RerunCounting(driver, edited);

        Assert.Equal(0, parsed);
        Assert.Equal(4, run.TrackedSteps["ToolMethods"].SelectMany(s => s.Outputs).Count()); // every transform ran, none parsed
        Assert.All(run.TrackedSteps["ToolTypes"].SelectMany(s => s.Outputs), o =>
            Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, "ToolTypes was " + o.Reason));
        Assert.All(run.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs), o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
    }

    [Fact]
    public void After_a_doc_comment_edit_only_the_edited_file_is_parsed_again()
    {
        var (driver, compilation) = FirstRun(Tools, MoreTools, DefaultsFile);
        var edited = compilation.ReplaceSyntaxTree(compilation.SyntaxTrees.First(), Replace(compilation, 0, Tools.Replace("Echoes.", "Echoes it.")));
        var (run, parsed) = RerunCounting(driver, edited);

        // The edited file's tools (echo, add) are parsed again, echo to a new description; the other file's are remembered.
        Assert.Equal(2, parsed);
        Assert.Contains("Echoes it.", run.GeneratedSources.Single(s => s.HintName == "App.AppTools.McpTools.g.cs").SourceText.ToString());
        Assert.Equal(1, run.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs).Count(o => o.Reason == IncrementalStepRunReason.Modified));
    }

    [Fact]
    public void A_declaration_edited_in_another_file_parses_every_tool_again()
    {
        // A constant (a declaration, not a body) changes a default value of a tool in another file: nothing may be remembered.
        var (driver, compilation) = FirstRun(Tools, MoreTools, DefaultsFile);
        var edited = compilation.ReplaceSyntaxTree(compilation.SyntaxTrees.ElementAt(2), Replace(compilation, 2, DefaultsFile.Replace("Times = 3", "Times = 4")));
        var (run, parsed) = RerunCounting(driver, edited);

        Assert.Equal(4, parsed);
        var more = run.GeneratedSources.Single(s => s.HintName == "App.MoreTools.McpTools.g.cs").SourceText.ToString();
        var fresh = GeneratorHarness.Run(edited.SyntaxTrees.Select(t => t.ToString()).ToArray());
        Assert.Equal(fresh.Generated.Single(g => g.HintName == "App.MoreTools.McpTools.g.cs").Text, more);
    }

    [Fact]
    public void A_nullable_directive_inside_a_body_counts_as_a_declaration_change()
    {
        // #nullable inside a method body applies to the declarations after it, here the record a tool in another file returns.
        const string Models = """
            namespace App;
            public static class Holder { public static void M() { } }
            public sealed record Named(string? Name);
            """;
        const string NamedTools = """
            using McpForge;
            namespace App;
            public partial class NamedTools
            {
                [McpTool("named")] public static Named Get() => new(null);
            }
            """;
        var (driver, compilation) = FirstRun(NamedTools, Models);
        // Without a directive, an edit of that body parses nothing again.
        var plain = compilation.ReplaceSyntaxTree(compilation.SyntaxTrees.ElementAt(1),
            Replace(compilation, 1, Models.Replace("public static void M() { }", "public static void M() { M(); }")));
        Assert.Equal(0, RerunCounting(driver, plain).Parsed);
        var edited = compilation.ReplaceSyntaxTree(compilation.SyntaxTrees.ElementAt(1),
            Replace(compilation, 1, Models.Replace("public static void M() { }", "public static void M() {\n#nullable disable\n}")));
        Assert.Equal(1, RerunCounting(driver, edited).Parsed);
    }

    [Fact]
    public void The_model_holds_no_symbols_syntax_or_compilations()
    {
        var (driver, _) = FirstRun(Tools);
        var run = driver.GetRunResult().Results.Single();
        var visited = new HashSet<object>(ReferenceEqualityComparer.Instance);
        foreach (var step in run.TrackedSteps["ToolMethods"])
        {
            foreach (var (value, _) in step.Outputs) Walk(value, "ToolMethods", visited);
        }
        Assert.True(visited.Count > 10, "the walk saw too little of the model to mean anything");
    }

    private static void Walk(object? value, string path, HashSet<object> visited)
    {
        if (value is null || value is string || value.GetType().IsPrimitive || value.GetType().IsEnum) return;
        Assert.False(value is ISymbol or SyntaxNode or Location or SemanticModel or Compilation or SyntaxTree,
            $"{path} holds a {value.GetType().Name}, which keeps the compilation alive and defeats caching");
        if (!value.GetType().IsValueType && !visited.Add(value)) return;
        if (value.GetType().FullName!.StartsWith("Microsoft.CodeAnalysis.Text.TextSpan", StringComparison.Ordinal)) return;
        if (value is IEnumerable sequence)
        {
            var i = 0;
            foreach (var item in sequence) Walk(item, $"{path}[{i++}]", visited);
            return;
        }
        if (value is DiagnosticDescriptor) return; // immutable and shared, not tied to a compilation
        foreach (var field in value.GetType().GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
        {
            Walk(field.GetValue(value), path + "." + field.Name, visited);
        }
    }
}
