using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using McpForge.Server;

namespace McpForge.Prompts;

/// <summary>
/// Renders one prompt: binds <paramref name="arguments"/> (the raw UTF-8 JSON of the request's <c>arguments</c>
/// object, whose values are strings; empty when absent), runs the method, and writes the <c>GetPromptResult</c>
/// through <see cref="Server.McpCall.BeginResult"/>.
/// </summary>
public delegate ValueTask McpPromptInvoker(McpPromptCall call, ReadOnlySpan<byte> arguments);

/// <summary>One prompt: its name, its <c>prompts/list</c> entry as precomputed UTF-8 JSON, and its invoker.</summary>
public sealed class McpPrompt : McpComponent
{
    /// <summary>Creates a prompt from its name, its complete <c>prompts/list</c> entry and its invoker.</summary>
    public McpPrompt(string name, ReadOnlySpan<byte> descriptor, McpPromptInvoker invoker, IReadOnlyDictionary<string, string[]>? argumentValues = null)
        : base(name, descriptor, argumentValues)
    {
        Invoker = invoker ?? throw new ArgumentNullException(nameof(invoker));
    }

    /// <summary>Binds, renders and writes the result.</summary>
    public McpPromptInvoker Invoker { get; }
}

/// <summary>The prompts of one class, with the generated name lookup that finds them without allocating.</summary>
public sealed class McpPromptSet
{
    private readonly McpPrompt[] _prompts;
    private readonly Tools.McpToolLookup _lookup;

    /// <summary>Groups <paramref name="prompts"/>; <paramref name="lookup"/> maps a UTF-8 name to an index into it.</summary>
    public McpPromptSet(McpPrompt[] prompts, Tools.McpToolLookup lookup)
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
