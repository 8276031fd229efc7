using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace McpForge.Bench.GeneratorBuildCost;

/// <summary>Prints the figures as the Markdown tables of docs/benchmarks.md.</summary>
internal static class Report
{
    public static void Write(IReadOnlyList<Result> results, TextWriter output)
    {
        string Header(string first) => $"| {first} | " + string.Join(" | ", results.Select(r => $"{r.Tools:N0} tools")) + " |";
        string Rule() => "|---|" + string.Concat(results.Select(_ => "---:|"));
        string Row(string name, Func<Result, string> cell) => $"| {name} | " + string.Join(" | ", results.Select(cell)) + " |";

        output.WriteLine();
        output.WriteLine("Generator run (median processor ms): McpForge / System.Text.Json (ratio)");
        output.WriteLine();
        output.WriteLine(Header("generator run after …"));
        output.WriteLine(Rule());
        foreach (var scenario in Scenario.All)
        {
            output.WriteLine(Row(scenario.Name, r => Pair(r.Reruns[scenario.Name])));
        }
        output.WriteLine(Row("full run (first build)", r => Pair(r.FullRun)));

        output.WriteLine();
        output.WriteLine("What a re-run did (step tracking): McpForge's ToolMethods transforms run again (Unchanged + Modified) of all, of those parsed (not remembered), modified, files regenerated; System.Text.Json's files regenerated");
        output.WriteLine();
        output.WriteLine(Header("after …"));
        output.WriteLine(Rule());
        foreach (var scenario in Scenario.All)
        {
            output.WriteLine(Row(scenario.Name, r =>
            {
                var (mcp, json) = r.Caching[scenario.Name];
                var methods = mcp.Steps.TryGetValue("ToolMethods", out var m) ? m : [];
                var reran = Count(methods, IncrementalStepRunReason.Unchanged) + Count(methods, IncrementalStepRunReason.Modified);
                var modified = Count(methods, IncrementalStepRunReason.Modified);
                var parsed = mcp.Parsed is { } p ? p.ToString("N0") : "all";
                return $"{reran:N0}/{methods.Values.Sum():N0} ran, {parsed} parsed, {modified} modified, {Regenerated(mcp)} files regenerated; STJ {Regenerated(json)} files";
            }));
        }

        output.WriteLine();
        output.WriteLine("Where a re-run's time goes (step tracking, one tracked run, wall ms): the whole run, then each named step of McpForge's (steps under 0.5 ms in every column left out), and the floor");
        output.WriteLine();
        output.WriteLine("| step | " + string.Join(" | ", results.SelectMany(r => Scenario.All.Take(3).Select(s => $"{r.Tools:N0}: {Short(s.Name)}"))) + " |");
        output.WriteLine("|---|" + string.Concat(results.SelectMany(_ => Scenario.All.Take(3)).Select(_ => "---:|")));
        output.WriteLine("| whole run | " + string.Join(" | ", results.SelectMany(r => Scenario.All.Take(3).Select(s => Ms(r.Caching[s.Name].McpForge.Elapsed)))) + " |");
        var names = results.SelectMany(r => r.Caching.Values.SelectMany(c => c.McpForge.StepTimes))
            .GroupBy(t => t.Key).Where(g => g.Any(t => t.Value.TotalMilliseconds >= 0.5)).Select(g => g.Key).OrderBy(n => n, StringComparer.Ordinal);
        foreach (var name in names)
        {
            output.WriteLine($"| {name} | " + string.Join(" | ", results.SelectMany(r => Scenario.All.Take(3).Select(s =>
                r.Caching[s.Name].McpForge.StepTimes.TryGetValue(name, out var t) ? Ms(t) : "–"))) + " |");
        }
        output.WriteLine();
        output.WriteLine("Floor (median processor ms): a generator that only finds the [McpTool] methods (ForAttributeWithMetadataName, name kept, no output), re-run after an edit in another file / System.Text.Json's");
        output.WriteLine();
        output.WriteLine(Header("re-run after an edit in another file"));
        output.WriteLine(Rule());
        output.WriteLine(Row("floor / System.Text.Json", r => $"{Ms(r.Floor.Floor)} / {Ms(r.Floor.Json)} ({Ratio(r.Floor.Floor / r.Floor.Json)})"));

        if (results.Any(r => r.BuildMcpForge is null)) return;

        output.WriteLine();
        output.WriteLine("In-process build (median processor ms): parse + generators + compile and emit + analyzers (their own time)");
        output.WriteLine();
        output.WriteLine(Header("build"));
        output.WriteLine(Rule());
        output.WriteLine(Row("no generator", r => Ms(r.BuildWithout!.Total)));
        output.WriteLine(Row("McpForge: total (generator + analyzers)", r => $"{Ms(r.BuildMcpForge!.Total)} ({Ms(r.BuildMcpForge!.Generate)} + {Ms(r.BuildMcpForge!.Analyze)})"));
        output.WriteLine(Row("McpForge: generator + analyzers share of the build", r => Percent((r.BuildMcpForge!.Generate + r.BuildMcpForge!.Analyze) / r.BuildMcpForge!.Total)));
        output.WriteLine(Row("System.Text.Json: total (generator)", r => $"{Ms(r.BuildJson!.Total)} ({Ms(r.BuildJson!.Generate)})"));
        output.WriteLine(Row("System.Text.Json: generator share of the build", r => Percent(r.BuildJson!.Generate / r.BuildJson!.Total)));
        output.WriteLine(Row("McpForge build / System.Text.Json build", r => Ratio(r.BuildMcpForge!.Total / r.BuildJson!.Total)));

        output.WriteLine();
        output.WriteLine("Generated source");
        output.WriteLine();
        output.WriteLine(Header("generated"));
        output.WriteLine(Rule());
        output.WriteLine(Row("McpForge: files", r => r.GeneratedFiles.ToString("N0")));
        output.WriteLine(Row("McpForge: lines per tool", r => ((double)r.GeneratedLines / r.Tools).ToString("N1")));
        output.WriteLine(Row("McpForge: KB per tool", r => (r.GeneratedChars / 1024.0 / r.Tools).ToString("N2")));
        output.WriteLine(Row("System.Text.Json: KB per record type", r => (r.JsonGeneratedChars / 1024.0 / Math.Max(1, r.RecordTypes)).ToString("N2")));

        output.WriteLine();
        output.WriteLine("Analyzer time by analyzer (ms, Roslyn's telemetry, one sequential run)");
        output.WriteLine();
        output.WriteLine(Header("analyzer"));
        output.WriteLine(Rule());
        foreach (var name in results[^1].AnalyzerBreakdown.Select(a => a.Analyzer))
        {
            output.WriteLine(Row(name, r => Ms(r.AnalyzerBreakdown.FirstOrDefault(a => a.Analyzer == name).Time)));
        }
    }

    private static string Short(string scenario) => scenario switch
    {
        "a method-body edit" => "body",
        "a doc-comment edit" => "doc",
        "an edit in another file" => "elsewhere",
        _ => scenario,
    };

    private static int Count(Dictionary<IncrementalStepRunReason, int> reasons, IncrementalStepRunReason reason) =>
        reasons.TryGetValue(reason, out var count) ? count : 0;

    private static int Regenerated(Caching caching) =>
        caching.Outputs.Where(o => o.Key is IncrementalStepRunReason.New or IncrementalStepRunReason.Modified).Sum(o => o.Value);

    private static string Pair((TimeSpan McpForge, TimeSpan Json) times) =>
        $"{Ms(times.McpForge)} / {Ms(times.Json)} ({Ratio(times.McpForge / times.Json)})";

    private static string Ms(TimeSpan time) => time.TotalMilliseconds < 10 ? time.TotalMilliseconds.ToString("N1") : time.TotalMilliseconds.ToString("N0");

    private static string Ratio(double ratio) => ratio.ToString("N2") + "×";

    private static string Percent(double share) => (share * 100).ToString("N0") + "%";
}
