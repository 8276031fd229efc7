using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Linq;
using System.Threading.Tasks;
using McpForge.Prompts;
using McpForge.Server;
using McpForge.Generated;

namespace McpForge.Generated;

/// <summary>The prompts of one class, with the generated name lookup that finds them without allocating.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class McpPromptSet
{
    private readonly McpPrompt[] _prompts;
    private readonly Generated.McpToolLookup _lookup;

    /// <summary>Groups <paramref name="prompts"/>; <paramref name="lookup"/> maps a UTF-8 name to an index into it.</summary>
    public McpPromptSet(McpPrompt[] prompts, Generated.McpToolLookup lookup)
    {
        _prompts = prompts ?? throw new ArgumentNullException(nameof(prompts));
        _lookup = lookup ?? throw new ArgumentNullException(nameof(lookup));
    }

    /// <summary>The prompts, in declaration order.</summary>
    public ReadOnlySpan<McpPrompt> Prompts => _prompts;

    /// <summary>The prompt named <paramref name="utf8Name"/> (unescaped UTF-8), or null.</summary>
    public McpPrompt? Find(ReadOnlySpan<byte> utf8Name)
    {
        var index = _lookup(utf8Name);
        return (uint)index < (uint)_prompts.Length ? _prompts[index] : null;
    }
}
