using System;
using System.Collections.Generic;
using McpForge.Tools;

namespace McpForge.Server;

/// <summary>The tools a server offers: the generated sets in registration order, checked for duplicate names.</summary>
internal sealed class ToolRegistry
{
    private readonly McpToolSet[] _sets;

    public ToolRegistry(IReadOnlyList<McpToolSet> sets)
    {
        _sets = [.. sets];
        var all = new List<McpTool>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var set in _sets)
        {
            foreach (var tool in set.Tools)
            {
                if (!names.Add(tool.Name))
                {
                    throw new InvalidOperationException($"Two registered tools are named '{tool.Name}'. Tool names must be unique within a server.");
                }
                all.Add(tool);
            }
        }
        All = [.. all];
    }

    /// <summary>Every tool, in the order <c>tools/list</c> pages through them.</summary>
    public McpTool[] All { get; }

    /// <summary>The tool named <paramref name="utf8Name"/> (unescaped UTF-8), found by each set's generated lookup.</summary>
    public McpTool? Find(ReadOnlySpan<byte> utf8Name)
    {
        foreach (var set in _sets)
        {
            if (set.Find(utf8Name) is { } tool) return tool;
        }
        return null;
    }
}
