using System.Collections.Generic;
using McpForge;
using Microsoft.Extensions.Logging;

namespace HostedStdio;

/// <summary>
/// Tools with constructor services: the generator creates the class per call from the host's container, so the
/// store and the logger come from <c>builder.Services</c>.
/// </summary>
public sealed partial class NoteTools(NoteStore store, ILogger<NoteTools> logger)
{
    /// <summary>Saves a note under a title, replacing any note of that title.</summary>
    /// <param name="title">The note's title.</param>
    /// <param name="text">What the note says.</param>
    [McpTool("save_note", Idempotent = true)]
    public string Save(string title, string text)
    {
        store.Save(title, text);
        logger.LogInformation("Saved note {Title}", title); // to stderr: stdout carries JSON-RPC only
        return $"Saved '{title}'.";
    }

    /// <summary>Reads the note with this title.</summary>
    /// <param name="title">The note's title.</param>
    [McpTool("read_note", ReadOnly = true)]
    public string Read(string title) => store.Find(title) ?? $"No note is titled '{title}'.";

    /// <summary>Lists the titles of every note.</summary>
    [McpTool("list_notes", ReadOnly = true)]
    public IReadOnlyList<string> List() => store.Titles();
}
