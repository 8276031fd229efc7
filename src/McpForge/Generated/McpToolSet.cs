using System;
using System.ComponentModel;
using McpForge.Tools;

namespace McpForge.Generated;

/// <summary>The tools of one class, with the generated name lookup that finds them without allocating.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class McpToolSet
{
    private readonly McpTool[] _tools;
    private readonly McpToolLookup _lookup;

    /// <summary>Groups <paramref name="tools"/>; <paramref name="lookup"/> maps a UTF-8 name to an index into it.</summary>
    public McpToolSet(McpTool[] tools, McpToolLookup lookup)
    {
        _tools = tools ?? throw new ArgumentNullException(nameof(tools));
        _lookup = lookup ?? throw new ArgumentNullException(nameof(lookup));
    }

    /// <summary>The tools, in declaration order.</summary>
    public ReadOnlySpan<McpTool> Tools => _tools;

    /// <summary>The tool named <paramref name="utf8Name"/> (unescaped UTF-8), or null.</summary>
    public McpTool? Find(ReadOnlySpan<byte> utf8Name)
    {
        var index = _lookup(utf8Name);
        return (uint)index < (uint)_tools.Length ? _tools[index] : null;
    }
}
