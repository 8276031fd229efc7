using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace McpForge.Bench.GeneratorBuildCost;

/// <summary>
/// Measures, in one run, what McpForge's generator and analyzers cost a build and an IDE on projects of 100, 500 and
/// 2,000 tools, against System.Text.Json's generator on the same record types: a full run, the re-runs an IDE makes
/// after an edit (with which outputs were cached), the analyzers, each one's share of an in-process build, and the
/// generated source per tool. Timings are processor time (this process's, the garbage collector's included), medians of
/// fresh compilations, so that no run reuses another's binding and other work on the machine does not count.
/// </summary>
/// <remarks>
/// Usage: <c>dotnet run -c Release --project bench/GeneratorBuildCost -- [--tools 100,500,2000] [--runs 9] [--builds 3 (0: generator runs only)] [--mcpforge-dir DIR]</c>;
/// <c>--profile N [--runs R]</c> only re-runs McpForge's generator R times after edits in another file of an N-tool project,
/// for a sampling profiler (<c>dotnet-trace collect --format Speedscope -- dotnet McpForge.Bench.GeneratorBuildCost.dll --profile 500 --runs 40</c>).
/// </remarks>
internal static class Program
{
    private static readonly IIncrementalGenerator s_floor = new FloorGenerator();

    private static readonly CSharpParseOptions s_parse = new(LanguageVersion.Latest, DocumentationMode.Parse);

    private static readonly ImmutableArray<MetadataReference> s_references =
    [
        .. Basic.Reference.Assemblies.Net100.References.All,
        MetadataReference.CreateFromFile(typeof(McpForge.McpServer).Assembly.Location),
    ];

    public static int Main(string[] args)
    {
        CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
        var sizes = Option(args, "--tools", "100,500,2000").Split(',').Select(int.Parse).ToArray();
        var runs = int.Parse(Option(args, "--runs", "9"), CultureInfo.InvariantCulture);
        var builds = int.Parse(Option(args, "--builds", "3"), CultureInfo.InvariantCulture);
        var components = Components.Load(OptionOrNull(args, "--mcpforge-dir"));
        if (OptionOrNull(args, "--profile") is { } profiled)
        {
            // For a sampling profiler (dotnet-trace): McpForge's re-run after an edit in another file, again and again.
            var project = new SyntheticProject(int.Parse(profiled, CultureInfo.InvariantCulture));
            var trees = Parse(project.Files);
            Compilation compilation = Compile(trees);
            var driver = Driver(components.McpForge).RunGenerators(compilation, CancellationToken.None);
            var program = trees.Single(t => t.FilePath == SyntheticProject.ProgramFile);
            var total = TimeSpan.Zero;
            for (var i = 0; i < runs; i++)
            {
                var edited = CSharpSyntaxTree.ParseText(program.GetText().ToString().Replace("ready", "ready" + i, StringComparison.Ordinal), s_parse, path: program.FilePath);
                compilation = compilation.ReplaceSyntaxTree(program, edited);
                program = edited;
                total += Time(() => driver = driver.RunGenerators(compilation, CancellationToken.None));
            }
            Console.WriteLine($"{runs} re-runs: {total.TotalMilliseconds / runs:N0} ms each");
            return 0;
        }
        Console.WriteLine($"McpForge plug-ins from {components.McpForgeSource}; {runs} runs per generator figure, {builds} per build (medians); {Environment.ProcessorCount} cores");

        // Warm-up: JIT-compile Roslyn's and the plug-ins' code paths on a small project, so the first size is not charged for it.
        Measure(new SyntheticProject(40), components, runs: 2, buildRuns: 1, quiet: true);

        var results = sizes.Select(n => Measure(new SyntheticProject(n), components, runs, builds, quiet: false)).ToList();
        Report.Write(results, Console.Out);
        return 0;
    }

    private static Result Measure(SyntheticProject project, Components components, int runs, int buildRuns, bool quiet)
    {
        if (!quiet) Console.Error.WriteLine($"{project.Tools} tools ...");
        var mcpForgeTrees = Parse(project.Files);
        var jsonTrees = Parse(project.Files.Append(project.JsonContext));
        var result = new Result(project.Tools, project.RecordTypes);

        // Full runs: fresh syntax trees and compilation each time (parsed before the clock starts), so every run binds and
        // reads its syntax as a first build does.
        result.FullRun = Interleaved(runs,
            () => FullRun(components.McpForge, project.Files),
            () => FullRun(components.SystemTextJson, project.Files.Append(project.JsonContext)));

        // The IDE: a driver that has run once, then the same edit made again and again on fresh compilations.
        foreach (var scenario in Scenario.All)
        {
            result.Reruns[scenario.Name] = Interleaved(runs,
                () => Rerun(components.McpForge, mcpForgeTrees, scenario),
                () => Rerun(components.SystemTextJson, jsonTrees, scenario));
            result.Caching[scenario.Name] = (Tracked(components.McpForge, mcpForgeTrees, scenario), Tracked(components.SystemTextJson, jsonTrees, scenario));
        }

        // The floor: what finding the [McpTool] methods alone costs a re-run (Roslyn's attribute lookup, nothing parsed),
        // against the same System.Text.Json re-run, after an edit in another file.
        var elsewhere = Scenario.All.Single(s => s.Name == "an edit in another file");
        result.Floor = Interleaved(runs,
            () => Rerun(s_floor, mcpForgeTrees, elsewhere),
            () => Rerun(components.SystemTextJson, jsonTrees, elsewhere));

        if (buildRuns == 0) return result;

        // Generated source, and a build in-process: parse, generators, analyzers, compile and emit.
        var generated = Driver(components.McpForge).RunGenerators(Compile(mcpForgeTrees), CancellationToken.None).GetRunResult().Results.Single();
        result.GeneratedFiles = generated.GeneratedSources.Length;
        result.GeneratedChars = generated.GeneratedSources.Sum(s => s.SourceText.Length);
        result.GeneratedLines = generated.GeneratedSources.Sum(s => s.SourceText.Lines.Count);
        var jsonGenerated = Driver(components.SystemTextJson).RunGenerators(Compile(jsonTrees), CancellationToken.None).GetRunResult().Results.Single();
        result.JsonGeneratedChars = jsonGenerated.GeneratedSources.Sum(s => s.SourceText.Length);
        if (generated.Diagnostics.Length + jsonGenerated.Diagnostics.Length > 0)
        {
            throw new InvalidOperationException("a generator reported: " + string.Join("; ", generated.Diagnostics.Concat(jsonGenerated.Diagnostics)));
        }

        var builds = buildRuns;
        result.BuildWithout = Median(Enumerable.Range(0, builds).Select(_ => Build(project.Files, generator: null, analyzers: default)));
        result.BuildMcpForge = Median(Enumerable.Range(0, builds).Select(_ => Build(project.Files, components.McpForge, components.Analyzers)));
        result.BuildJson = Median(Enumerable.Range(0, builds).Select(_ => Build(project.Files.Append(project.JsonContext), components.SystemTextJson, default)));
        result.AnalyzerBreakdown = AnalyzerTimes(components, mcpForgeTrees);
        return result;
    }

    /// <summary>One build in-process, timed by phase; throws if the project does not compile cleanly.</summary>
    private static BuildTimes Build(IEnumerable<(string Path, string Text)> files, IIncrementalGenerator? generator, ImmutableArray<DiagnosticAnalyzer> analyzers)
    {
        Collect();
        var clock = new ProcessorClock();
        var trees = Parse(files);
        var parse = clock.Lap();

        Compilation compilation = Compile(trees);
        if (generator is not null)
        {
            Driver(generator).RunGeneratorsAndUpdateCompilation(compilation, out compilation, out _, CancellationToken.None);
        }
        var generate = clock.Lap();

        using var peStream = new MemoryStream();
        var emit = compilation.Emit(peStream, cancellationToken: CancellationToken.None);
        if (!emit.Success)
        {
            throw new InvalidOperationException("the project does not compile: " + string.Join("\n", emit.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Take(5)));
        }
        var compile = clock.Lap();

        // An analyzer driver binds the compilation again to raise its events, which csc does once for both; so the
        // analyzers are charged their own time (Roslyn's telemetry), not the driver's wall time.
        var analyze = TimeSpan.Zero;
        if (!analyzers.IsDefaultOrEmpty)
        {
            var options = new CompilationWithAnalyzersOptions(new AnalyzerOptions([]), onAnalyzerException: null, concurrentAnalysis: false,
                logAnalyzerExecutionTime: true);
            var result = compilation.WithAnalyzers(analyzers, options).GetAnalysisResultAsync(CancellationToken.None).GetAwaiter().GetResult();
            analyze = result.AnalyzerTelemetryInfo.Aggregate(TimeSpan.Zero, (sum, p) => sum + p.Value.ExecutionTime);
            var problems = result.GetAllDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
            if (problems.Count > 0) throw new InvalidOperationException("the analyzers reported: " + string.Join("\n", problems.Take(5)));
        }
        return new BuildTimes(parse, generate, compile, analyze, parse + generate + compile + analyze);
    }

    /// <summary>Each analyzer's own time (Roslyn's telemetry) over the project with its generated code, as a build runs them.</summary>
    private static IReadOnlyList<(string Analyzer, TimeSpan Time)> AnalyzerTimes(Components components, ImmutableArray<SyntaxTree> trees)
    {
        Driver(components.McpForge).RunGeneratorsAndUpdateCompilation(Compile(trees), out var compilation, out _, CancellationToken.None);
        var options = new CompilationWithAnalyzersOptions(new AnalyzerOptions([]), onAnalyzerException: null, concurrentAnalysis: false,
            logAnalyzerExecutionTime: true);
        var result = compilation.WithAnalyzers(components.Analyzers, options).GetAnalysisResultAsync(CancellationToken.None).GetAwaiter().GetResult();
        return result.AnalyzerTelemetryInfo.Select(p => (p.Key.GetType().Name, p.Value.ExecutionTime)).OrderByDescending(p => p.ExecutionTime).ToList();
    }

    /// <summary>A first run of <paramref name="generator"/>, with the garbage of the set-up collected before the clock starts.</summary>
    private static TimeSpan FullRun(IIncrementalGenerator generator, IEnumerable<(string Path, string Text)> files)
    {
        var compilation = Compile(Parse(files));
        Collect();
        return Time(() => Driver(generator).RunGenerators(compilation, CancellationToken.None));
    }

    /// <summary>A re-run of <paramref name="generator"/> after <paramref name="scenario"/>'s edit, by a driver that has run once.</summary>
    private static TimeSpan Rerun(IIncrementalGenerator generator, ImmutableArray<SyntaxTree> trees, Scenario scenario)
    {
        var compilation = Compile(trees);
        var driver = Driver(generator).RunGenerators(compilation, CancellationToken.None);
        var next = scenario.Apply(compilation, trees);
        Collect();
        return Time(() => driver.RunGenerators(next, CancellationToken.None));
    }

    /// <summary>The same re-run with step tracking: how many outputs of each step ran again, and how many files were regenerated.</summary>
    private static Caching Tracked(IIncrementalGenerator generator, ImmutableArray<SyntaxTree> trees, Scenario scenario)
    {
        var compilation = Compile(trees);
        var driver = Driver(generator, track: true).RunGenerators(compilation, CancellationToken.None);
        var parses = ParseCounter(generator);
        var parsedBefore = parses?.GetValue(null) as int?;
        driver = driver.RunGenerators(scenario.Apply(compilation, trees), CancellationToken.None);
        var parsed = (parses?.GetValue(null) as int?) - parsedBefore;
        var run = driver.GetRunResult().Results.Single();
        var steps = run.TrackedSteps.ToDictionary(
            s => s.Key,
            s => s.Value.SelectMany(step => step.Outputs).GroupBy(o => o.Reason).ToDictionary(g => g.Key, g => g.Count()));
        var outputs = run.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs).GroupBy(o => o.Reason).ToDictionary(g => g.Key, g => g.Count());
        var times = run.TrackedSteps.ToDictionary(s => s.Key, s => s.Value.Aggregate(TimeSpan.Zero, (sum, step) => sum + step.ElapsedTime));
        return new Caching(steps, outputs, times, driver.GetTimingInfo().ElapsedTime, parsed);
    }

    /// <summary>
    /// McpForge's count of the components it parsed (rather than remembered) on this thread, which the driver runs its
    /// transforms on; null for a generator without one (System.Text.Json's, or a McpForge build from before it).
    /// </summary>
    private static System.Reflection.FieldInfo? ParseCounter(IIncrementalGenerator generator) =>
        generator.GetType().Assembly.GetType("McpForge.Generators.Incremental.ComponentMemo")?
            .GetField("ParsesOnThisThread", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static);

    private static GeneratorDriver Driver(IIncrementalGenerator generator, bool track = false) =>
        CSharpGeneratorDriver.Create([generator.AsSourceGenerator()], parseOptions: s_parse,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: track));

    private static ImmutableArray<SyntaxTree> Parse(IEnumerable<(string Path, string Text)> files) =>
        [.. files.Select(f => CSharpSyntaxTree.ParseText(f.Text, s_parse, path: f.Path))];

    private static CSharpCompilation Compile(IEnumerable<SyntaxTree> trees) =>
        CSharpCompilation.Create("Bench", trees, s_references,
            new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable,
                optimizationLevel: OptimizationLevel.Release));

    /// <summary>Runs the two measurements alternately, so that noise from other work on the machine falls on both.</summary>
    private static (TimeSpan McpForge, TimeSpan Json) Interleaved(int runs, Func<TimeSpan> mcpForge, Func<TimeSpan> json)
    {
        var a = new List<TimeSpan>();
        var b = new List<TimeSpan>();
        for (var i = 0; i < runs; i++)
        {
            a.Add(mcpForge());
            b.Add(json());
        }
        return (Median(a), Median(b));
    }

    /// <summary>
    /// The processor time <paramref name="action"/> took, the garbage collector's included: unlike the time on the wall,
    /// it does not count what other processes do meanwhile, which on a shared machine is most of the noise.
    /// </summary>
    private static TimeSpan Time(Action action)
    {
        var clock = new ProcessorClock();
        action();
        return clock.Lap();
    }

    /// <summary>This process's processor time since it was created or last read.</summary>
    private sealed class ProcessorClock
    {
        private readonly Process _process = Process.GetCurrentProcess();
        private TimeSpan _last;

        public ProcessorClock() => _last = _process.TotalProcessorTime;

        public TimeSpan Lap()
        {
            _process.Refresh();
            var now = _process.TotalProcessorTime;
            var lap = now - _last;
            _last = now;
            return lap;
        }
    }

    private static void Collect()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }

    private static TimeSpan Median(IEnumerable<TimeSpan> values)
    {
        var sorted = values.OrderBy(v => v).ToList();
        return sorted[sorted.Count / 2];
    }

    private static BuildTimes Median(IEnumerable<BuildTimes> values)
    {
        var sorted = values.OrderBy(v => v.Total).ToList();
        return sorted[sorted.Count / 2];
    }

    private static string Option(string[] args, string name, string fallback) => OptionOrNull(args, name) ?? fallback;

    private static string? OptionOrNull(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}
