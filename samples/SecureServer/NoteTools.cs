using System.Collections.Concurrent;
using System.Linq;
using McpForge;

namespace SecureServer;

/// <summary>A shared notebook: anyone signed in reads, writers add, admins delete.</summary>
[McpAuthorize("notes:read")]
public sealed partial class NoteTools
{
    private static readonly ConcurrentDictionary<string, string> s_notes = new() { ["welcome"] = "Signed in, you can read this." };

    /// <summary>Lists the notes.</summary>
    [McpTool("list_notes", ReadOnly = true)]
    public static string List() => string.Join("\n", s_notes.Keys.Order());

    /// <summary>Reads a note.</summary>
    /// <param name="name">The note's name.</param>
    [McpTool("read_note", ReadOnly = true)]
    public static string Read(string name) => s_notes.TryGetValue(name, out var text) ? text : throw new System.ArgumentException($"No note '{name}'.");

    /// <summary>Adds or replaces a note.</summary>
    /// <param name="name">The note's name.</param>
    /// <param name="text">What it says.</param>
    [McpTool("write_note", Idempotent = true)]
    [McpAuthorize("notes:write")]
    public static string Write(string name, string text, McpContext context)
    {
        s_notes[name] = text;
        return $"Saved '{name}' for {context.User?.FindFirst("sub")?.Value}.";
    }

    /// <summary>Deletes a note.</summary>
    /// <param name="name">The note's name.</param>
    [McpTool("delete_note", Destructive = true)]
    [McpAuthorize("notes:admin")]
    public static string Delete(string name) => s_notes.TryRemove(name, out _) ? $"Deleted '{name}'." : $"No note '{name}'.";
}
