using System.Collections.Generic;
using System.Linq;

namespace McpForge.Soak;

/// <summary>The memory curve of a soak as a PNG: managed heap (after a full collection) and resident set, in MiB.</summary>
public static class SoakChart
{
    public static void Write(string path, string title, string xLabel, IReadOnlyList<MemorySample> samples, double xScale = 1)
    {
        var plot = new ScottPlot.Plot();
        var x = samples.Select(s => s.Calls / xScale).ToArray();
        var rss = plot.Add.Scatter(x, samples.Select(s => s.RssBytes / 1048576.0).ToArray());
        rss.LegendText = "resident set (RSS)";
        rss.MarkerSize = 3;
        var heap = plot.Add.Scatter(x, samples.Select(s => s.HeapBytes / 1048576.0).ToArray());
        heap.LegendText = "managed heap after a full GC";
        heap.MarkerSize = 3;
        plot.Title(title);
        plot.XLabel(xLabel);
        plot.YLabel("MiB");
        plot.Axes.SetLimitsY(0, samples.Max(s => s.RssBytes) / 1048576.0 * 1.15);
        plot.ShowLegend(ScottPlot.Alignment.MiddleRight);
        plot.SavePng(path, 900, 450);
    }
}
