using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;

namespace HostedStdio;

/// <summary>Notes kept in memory: a singleton service the host's container gives the tools.</summary>
public sealed class NoteStore
{
    private readonly ConcurrentDictionary<string, string> _notes = new(System.StringComparer.Ordinal);

    public void Save(string title, string text) => _notes[title] = text;

    public string? Find(string title) => _notes.TryGetValue(title, out var text) ? text : null;

    public IReadOnlyList<string> Titles() => [.. _notes.Keys.Order(System.StringComparer.Ordinal)];
}
