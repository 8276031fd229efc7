using System;

namespace McpForge.Server;

/// <summary>
/// What every listed component (a tool, a prompt) has: its name and its list entry as precomputed UTF-8 JSON,
/// which the list methods write as they are.
/// </summary>
public abstract class McpComponent
{
    private readonly byte[] _descriptor;

    private protected McpComponent(string name, ReadOnlySpan<byte> descriptor)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        Name = name;
        _descriptor = descriptor.ToArray();
    }

    /// <summary>The name clients use.</summary>
    public string Name { get; }

    /// <summary>The complete list entry (<c>tools/list</c>, <c>prompts/list</c>), UTF-8 JSON.</summary>
    public ReadOnlySpan<byte> Descriptor => _descriptor;

    /// <inheritdoc/>
    public override string ToString() => Name;
}
