using System.Collections.Generic;
using System.IO;
using System.Runtime.CompilerServices;
using System.Text;
using System.Threading;

namespace McpForge.Cli.Client;

/// <summary>
/// Server-sent events (the WHATWG framing): <c>data:</c> lines joined with newlines, an event ends at a blank line;
/// <c>id:</c>, <c>event:</c>, <c>retry:</c> and comments are not needed by a client that does not resume.
/// </summary>
internal static class SseReader
{
    public static async IAsyncEnumerable<string> ReadDataAsync(Stream stream, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var data = new StringBuilder();
        var hasData = false;
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            if (line.Length == 0)
            {
                if (hasData) yield return data.ToString();
                data.Clear();
                hasData = false;
                continue;
            }
            if (line[0] == ':') continue;
            var colon = line.IndexOf(':');
            var field = colon < 0 ? line : line[..colon];
            var value = colon < 0 ? "" : line[(colon + 1)..];
            if (value.StartsWith(' ')) value = value[1..];
            if (field != "data") continue;
            if (hasData) data.Append('\n');
            data.Append(value);
            hasData = true;
        }
        if (hasData) yield return data.ToString();
    }
}
