using System;
using System.Buffers;
using System.Collections.Generic;
using System.IO;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace McpForge.Testing;

/// <summary>
/// Keeps what <c>tools/list</c> answers (every tool's name, description, schemas and annotations) in a file beside the
/// tests, so a change to a tool's schema — a renamed parameter, a new required one, a changed description — fails a
/// test until someone accepts it, and shows up in code review as a diff of that file.
/// </summary>
/// <remarks>
/// To accept a change (or create a snapshot the first time), run the tests with the environment variable
/// <c>MCPFORGE_UPDATE_SNAPSHOTS=1</c> (<see cref="UpdateVariable"/>): each snapshot that differs is rewritten and the
/// test passes. Without it, a missing snapshot fails too, so CI never writes one silently.
/// </remarks>
public static class McpToolsSnapshot
{
    /// <summary>The environment variable that, set to <c>1</c> or <c>true</c>, writes snapshots instead of comparing them.</summary>
    public const string UpdateVariable = "MCPFORGE_UPDATE_SNAPSHOTS";

    /// <summary>
    /// Lists the tools through <paramref name="client"/> and compares them with the snapshot at <paramref name="path"/>;
    /// throws <see cref="McpSnapshotMismatchException"/> when they differ (or, with <see cref="UpdateVariable"/> set,
    /// rewrites the file). A relative <paramref name="path"/> is taken from the folder of the calling source file, so the
    /// snapshot lives beside the test, not in its build output.
    /// </summary>
    public static async Task AssertMatchesAsync(McpTestClient client, string path = "tools.snapshot.json",
        CancellationToken cancellationToken = default, [CallerFilePath] string callerFilePath = "")
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(path);
        var tools = await client.ListToolsAsync(cancellationToken).ConfigureAwait(false);
        AssertMatches(tools, ResolvePath(path, callerFilePath));
    }

    /// <summary>Compares <paramref name="tools"/> (as <see cref="McpTestClient.ListToolsAsync"/> returns them) with the snapshot at the absolute <paramref name="path"/>.</summary>
    public static void AssertMatches(IReadOnlyList<JsonElement> tools, string path)
    {
        ArgumentNullException.ThrowIfNull(tools);
        ArgumentNullException.ThrowIfNull(path);
        var actual = Write(tools);
        var expected = File.Exists(path) ? File.ReadAllText(path).ReplaceLineEndings("\n") : null;
        if (expected == actual) return;
        if (ShouldUpdate)
        {
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
            File.WriteAllText(path, actual);
            return;
        }
        var accept = $"Run the tests with {UpdateVariable}=1 to accept it.";
        if (expected is null)
        {
            throw new McpSnapshotMismatchException(path, $"There is no tools snapshot at {path}. {accept}");
        }
        throw new McpSnapshotMismatchException(path, $"tools/list no longer matches the snapshot {path}. {FirstDifference(expected, actual)}{accept}");
    }

    private static bool ShouldUpdate =>
        Environment.GetEnvironmentVariable(UpdateVariable) is { } value
        && (value == "1" || value.Equals("true", StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// A relative path from the folder of the calling source file. A deterministic build (<c>ContinuousIntegrationBuild</c>,
    /// as CI sets it) maps source paths to <c>/_/…</c>, which is no folder on disk: then the folder is found by its
    /// trailing segments (<c>tests/App.Tests</c>) above the test binary, where the build output usually sits.
    /// </summary>
    private static string ResolvePath(string path, string callerFilePath)
    {
        if (System.IO.Path.IsPathRooted(path)) return path;
        var folder = System.IO.Path.GetDirectoryName(callerFilePath) ?? "";
        if (folder.Length > 0 && Directory.Exists(folder)) return System.IO.Path.Combine(folder, path);
        var segments = folder.Split('/', '\\', StringSplitOptions.RemoveEmptyEntries);
        for (var skip = 0; skip < segments.Length; skip++)
        {
            var tail = System.IO.Path.Combine(segments[skip..]);
            if (tail == "_") continue;
            for (var above = new DirectoryInfo(AppContext.BaseDirectory); above is not null; above = above.Parent)
            {
                var candidate = System.IO.Path.Combine(above.FullName, tail);
                if (Directory.Exists(candidate)) return System.IO.Path.Combine(candidate, path);
            }
        }
        throw new ArgumentException(
            $"The folder of the calling source file '{folder}' does not exist, nor any folder ending like it above {AppContext.BaseDirectory}; pass an absolute path.",
            nameof(path));
    }

    /// <summary>The tools as indented JSON, one property a line, ending with a newline: diffs stay readable.</summary>
    private static string Write(IReadOnlyList<JsonElement> tools)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, NewLine = "\n", Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartArray();
            foreach (var tool in tools) tool.WriteTo(writer);
            writer.WriteEndArray();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan) + "\n";
    }

    private static string FirstDifference(string expected, string actual)
    {
        var expectedLines = expected.Split('\n');
        var actualLines = actual.Split('\n');
        for (var i = 0; i < Math.Max(expectedLines.Length, actualLines.Length); i++)
        {
            var was = i < expectedLines.Length ? expectedLines[i] : "(end of file)";
            var now = i < actualLines.Length ? actualLines[i] : "(end of list)";
            if (was != now) return $"Line {i + 1} was\n  {was.Trim()}\nand now is\n  {now.Trim()}\n";
        }
        return "";
    }
}
