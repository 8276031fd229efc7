using System;
using System.Collections.Generic;
using System.Text;
using System.Threading;

namespace McpForge.Server;

/// <summary>
/// The components of one kind a server offers (tools, prompts): the generated sets in registration order, plus
/// those added at run time, minus those removed. Lists read an immutable snapshot; changes copy and swap it, so
/// readers never lock. Finding a component by its UTF-8 name allocates nothing: the generated lookups first, then
/// the run-time ones through a span lookup. Names are unique.
/// </summary>
internal sealed class ComponentRegistry<TItem> where TItem : class
{
    /// <summary>A generated lookup: the component named by the UTF-8 bytes, or null.</summary>
    public delegate TItem? Finder(ReadOnlySpan<byte> utf8Name);

    private const int MaxNameChars = 256;
    private readonly object _gate = new();
    private readonly string _kind;
    private readonly Func<TItem, string> _nameOf;
    private readonly Finder[] _finders;
    private readonly TItem[] _generated;
    private Dictionary<string, TItem> _added = new(StringComparer.Ordinal);
    private HashSet<string> _removed = new(StringComparer.Ordinal);
    private TItem[] _all;

    public ComponentRegistry(string kind, IEnumerable<(TItem[] Items, Finder Find)> sets, Func<TItem, string> nameOf)
    {
        _kind = kind;
        _nameOf = nameOf;
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
        _generated = [.. all];
        _all = _generated;
    }

    /// <summary>Every component, in the order the list methods page through them (a snapshot).</summary>
    public TItem[] All => Volatile.Read(ref _all);

    public TItem? Find(ReadOnlySpan<byte> utf8Name)
    {
        var removed = Volatile.Read(ref _removed);
        foreach (var find in _finders)
        {
            if (find(utf8Name) is { } item)
            {
                if (removed.Count == 0 || !removed.Contains(_nameOf(item))) return item;
                break; // Removed at run time; a component added under the same name may stand in for it.
            }
        }
        var added = Volatile.Read(ref _added);
        if (added.Count == 0 || utf8Name.Length > MaxNameChars)
        {
            return null; // UTF-8 never has fewer bytes than characters, so the name fits the stack buffer below.
        }
        Span<char> name = stackalloc char[MaxNameChars];
        var length = Encoding.UTF8.GetChars(utf8Name, name);
        return added.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(name[..length], out var found) ? found : null;
    }

    /// <summary>Adds a component at run time; a name already in use is an error.</summary>
    public void Add(TItem item)
    {
        var name = _nameOf(item);
        lock (_gate)
        {
            if (Array.Exists(_all, existing => _nameOf(existing) == name))
            {
                throw new InvalidOperationException($"A {_kind} named '{name}' is already registered.");
            }
            // A removed generated component stays removed; one added under its name takes its place.
            _added = new Dictionary<string, TItem>(_added, StringComparer.Ordinal) { [name] = item };
            Rebuild();
        }
    }

    /// <summary>Removes a component (generated or added) by name; false when there is none.</summary>
    public bool Remove(string name)
    {
        lock (_gate)
        {
            if (_added.ContainsKey(name))
            {
                var added = new Dictionary<string, TItem>(_added, StringComparer.Ordinal);
                added.Remove(name);
                _added = added;
            }
            else if (Array.Exists(_generated, item => _nameOf(item) == name) && !_removed.Contains(name))
            {
                _removed = new HashSet<string>(_removed, StringComparer.Ordinal) { name };
            }
            else
            {
                return false;
            }
            Rebuild();
            return true;
        }
    }

    private void Rebuild()
    {
        var all = new List<TItem>();
        foreach (var item in _generated)
        {
            if (!_removed.Contains(_nameOf(item))) all.Add(item);
        }
        all.AddRange(_added.Values);
        Volatile.Write(ref _all, [.. all]);
    }
}
