using System;
using System.Collections.Generic;

namespace McpForge.Server;

/// <summary>
/// What every listed component (a tool, a prompt) has: its name and its list entry as precomputed UTF-8 JSON,
/// which the list methods write as they are.
/// </summary>
public abstract class McpComponent
{
    private readonly byte[] _descriptor;

    private protected McpComponent(string name, ReadOnlySpan<byte> descriptor, IReadOnlyDictionary<string, string[]>? argumentValues)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        Name = name;
        _descriptor = descriptor.ToArray();
        ArgumentValues = argumentValues;
    }

    /// <summary>
    /// The fixed set of values of some arguments (enum parameters, by member name), written by the generator; what
    /// <c>completion/complete</c> suggests for them when no completion method does.
    /// </summary>
    public IReadOnlyDictionary<string, string[]>? ArgumentValues { get; }

    /// <summary>
    /// How long, and by whom, what this component gives may be cached (<c>CacheTtlMs</c>, <c>CacheScope</c> on its
    /// attribute); null parts take the server's defaults. A list is cacheable as long as its shortest-lived component.
    /// </summary>
    public McpCacheHints? CacheHints { get; init; }

    /// <summary>Who may use it (<see cref="McpAuthorizeAttribute"/>); null: anyone the transport lets in.</summary>
    public McpAuthorization? Authorization { get; init; }

    /// <summary>The name clients use.</summary>
    public string Name { get; }

    /// <summary>The complete list entry (<c>tools/list</c>, <c>prompts/list</c>), UTF-8 JSON.</summary>
    public ReadOnlySpan<byte> Descriptor => _descriptor;

    /// <summary>
    /// What the list method writes for this component under the server's <paramref name="style"/>, to a 2026-07-28 client
    /// (<paramref name="modern"/>) or a session-era one.
    /// </summary>
    private protected virtual ReadOnlySpan<byte> ListEntry(SchemaStyle style, bool modern) => Descriptor;

    internal ReadOnlySpan<byte> ListEntryFor(SchemaStyle style, bool modern) => ListEntry(style, modern);

    /// <inheritdoc/>
    public override string ToString() => Name;
}
