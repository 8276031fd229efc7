using System;
using System.Collections.Generic;

namespace McpForge.Server;

/// <summary>
/// The components of one kind a server offers (tools, prompts): every generated set in registration order, for
/// listing, and each set's generated name lookup, for finding one without allocating. Names must be unique.
/// </summary>
internal sealed class ComponentRegistry<TItem> where TItem : class
{
    /// <summary>A generated lookup: the component named by the UTF-8 bytes, or null.</summary>
    public delegate TItem? Finder(ReadOnlySpan<byte> utf8Name);

    private readonly Finder[] _finders;

    public ComponentRegistry(string kind, IEnumerable<(TItem[] Items, Finder Find)> sets, Func<TItem, string> nameOf)
    {
        var finders = new List<Finder>();
        var all = new List<TItem>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (items, find) in sets)
        {
            finders.Add(find);
            foreach (var item in items)
            {
                if (!names.Add(nameOf(item)))
                {
                    throw new InvalidOperationException($"Two registered {kind}s are named '{nameOf(item)}'. {char.ToUpperInvariant(kind[0])}{kind[1..]} names must be unique within a server.");
                }
                all.Add(item);
            }
        }
        _finders = [.. finders];
        All = [.. all];
    }

    /// <summary>Every component, in the order the list methods page through them.</summary>
    public TItem[] All { get; }

    public TItem? Find(ReadOnlySpan<byte> utf8Name)
    {
        foreach (var find in _finders)
        {
            if (find(utf8Name) is { } item) return item;
        }
        return null;
    }
}
