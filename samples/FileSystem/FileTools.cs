using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using McpForge;
using McpForge.Protocol;

namespace FileSystem;

/// <summary>Tools, resources and prompts over one read-only folder.</summary>
public sealed partial class FileTools(SandboxedRoot root)
{
    /// <summary>Lists the entries of a folder under the root: folders end with '/'.</summary>
    /// <param name="path">The folder, relative to the root; empty for the root itself.</param>
    [McpTool("list_directory", ReadOnly = true, Idempotent = true)]
    public string ListDirectory(string path = "")
    {
        var folder = root.Resolve(path);
        var entries = Directory.EnumerateDirectories(folder).Select(d => root.Relative(d) + "/")
            .Concat(Directory.EnumerateFiles(folder).Select(root.Relative))
            .Order(StringComparer.Ordinal);
        return string.Join("\n", entries);
    }

    /// <summary>Finds files under the root whose names match a pattern such as '*.md'.</summary>
    /// <param name="pattern">A file-name pattern with * and ? wildcards.</param>
    /// <param name="limit">The most results to return.</param>
    [McpTool("find_files", ReadOnly = true, Idempotent = true)]
    public string FindFiles(string pattern, int limit = 50) =>
        string.Join("\n", Directory.EnumerateFiles(root.Path, pattern, SearchOption.AllDirectories)
            .Select(root.Relative).Order(StringComparer.Ordinal).Take(Math.Clamp(limit, 1, 1000)));

    /// <summary>What this server serves.</summary>
    [McpResource("fs://root", MimeType = "text/plain", Title = "Served folder")]
    public string Root() => root.Path;

    /// <summary>A file under the root, as text (UTF-8) or, when it is not text, as a blob.</summary>
    [McpResource("files:///{+path}")]
    public ResourceContents File(string path)
    {
        var full = root.Resolve(path);
        var bytes = System.IO.File.ReadAllBytes(full);
        var uri = "files:///" + root.Relative(full);
        return System.Text.Unicode.Utf8.IsValid(bytes) && !bytes.Contains((byte)0)
            ? new TextResourceContents(uri, System.Text.Encoding.UTF8.GetString(bytes), "text/plain")
            : new BlobResourceContents(uri, bytes, "application/octet-stream");
    }

    /// <summary>Files under the root whose relative path starts with what was typed (at most 100).</summary>
    [McpCompletion("summarize_file", "path")]
    [McpCompletion("files:///{+path}", "path")]
    public IEnumerable<string> CompletePath(string value) =>
        Directory.EnumerateFiles(root.Path, "*", SearchOption.AllDirectories)
            .Select(root.Relative)
            .Where(path => path.StartsWith(value, StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal)
            .Take(100);

    /// <summary>Asks the model to summarise one file of the folder.</summary>
    /// <param name="path">The file, relative to the root.</param>
    /// <param name="words">About how many words the summary should have.</param>
    [McpPrompt("summarize_file", Title = "Summarise a file")]
    public IEnumerable<PromptMessage> SummarizeFile(string path, int words = 100) =>
    [
        PromptMessage.User($"Summarise the file below in about {words} words."),
        new PromptMessage(Role.User, new EmbeddedResource(File(path))),
    ];
}
