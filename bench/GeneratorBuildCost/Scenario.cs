using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace McpForge.Bench.GeneratorBuildCost;

/// <summary>An edit an IDE re-runs the generators after: the file it touches and what it does to its text.</summary>
internal sealed record Scenario(string Name, string? File, Func<string, string> Edit)
{
    public static readonly Scenario[] All =
    [
        new("a method-body edit", SyntheticProject.ToolsFile, SyntheticProject.EditMethodBody),
        new("a doc-comment edit", SyntheticProject.ToolsFile, SyntheticProject.EditDocComment),
        new("an edit in another file", SyntheticProject.ProgramFile, SyntheticProject.EditProgram),
        new("nothing changed", null, text => text),
    ];

    /// <summary>The compilation after the edit: a new one with the file re-parsed, or the same one when nothing changed.</summary>
    public Compilation Apply(Compilation compilation, ImmutableArray<SyntaxTree> trees)
    {
        if (File is null) return compilation;
        var tree = trees.Single(t => t.FilePath == File);
        var edited = CSharpSyntaxTree.ParseText(Edit(tree.GetText().ToString()), (CSharpParseOptions)tree.Options, path: tree.FilePath);
        return compilation.ReplaceSyntaxTree(tree, edited);
    }
}

/// <summary>How long each phase of one in-process build took.</summary>
internal sealed record BuildTimes(TimeSpan Parse, TimeSpan Generate, TimeSpan Compile, TimeSpan Analyze, TimeSpan Total);

/// <summary>
/// What a tracked re-run did: per step, how many outputs had each run reason, and the time spent in it (wall clock, as
/// Roslyn's step tracking measures it); the same reasons for the generated files; the run's whole time; and how many
/// components McpForge parsed rather than remembered (null where the generator does not count them).
/// </summary>
internal sealed record Caching(
    IReadOnlyDictionary<string, Dictionary<IncrementalStepRunReason, int>> Steps,
    IReadOnlyDictionary<IncrementalStepRunReason, int> Outputs,
    IReadOnlyDictionary<string, TimeSpan> StepTimes,
    TimeSpan Elapsed,
    int? Parsed);

/// <summary>Every figure measured for one project size.</summary>
internal sealed class Result(int tools, int recordTypes)
{
    public int Tools { get; } = tools;
    public int RecordTypes { get; } = recordTypes;
    public (TimeSpan McpForge, TimeSpan Json) FullRun { get; set; }

    /// <summary>The floor generator's re-run after an edit in another file, against System.Text.Json's (<see cref="FloorGenerator"/>).</summary>
    public (TimeSpan Floor, TimeSpan Json) Floor { get; set; }
    public Dictionary<string, (TimeSpan McpForge, TimeSpan Json)> Reruns { get; } = [];
    public Dictionary<string, (Caching McpForge, Caching Json)> Caching { get; } = [];
    public int GeneratedFiles { get; set; }
    public long GeneratedChars { get; set; }
    public long GeneratedLines { get; set; }
    public long JsonGeneratedChars { get; set; }
    public BuildTimes? BuildWithout { get; set; }
    public BuildTimes? BuildMcpForge { get; set; }
    public BuildTimes? BuildJson { get; set; }
    public IReadOnlyList<(string Analyzer, TimeSpan Time)> AnalyzerBreakdown { get; set; } = [];
}
