using System;
using System.Buffers;
using System.Collections.Generic;
using System.ComponentModel;
using System.Globalization;
using System.IO;
using System.Text.Json;
using System.Threading.Tasks;
using McpForge.Protocol;
using McpForge.Resources;

namespace McpForge.Generated;

/// <summary>
/// Writes a resource method's return value as the members of a <c>ReadResourceResult</c> (<c>"contents": [...]</c>), into
/// the result object <see cref="Server.McpCall.BeginResult"/> opened (the server closes it).
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ResourceResults
{
    private const int ChunkBytes = 48 * 1024; // a multiple of 3, so every chunk but the last encodes to whole base64 quanta

    /// <summary>Text contents of <paramref name="uri"/>.</summary>
    public static void WriteText(Utf8JsonWriter writer, string uri, string? mimeType, string? text) =>
        WriteContents(writer, text is null ? [] : [new TextResourceContents(uri, text, mimeType)]);

    /// <summary>Binary contents of <paramref name="uri"/>, base64-encoded.</summary>
    public static void WriteBlob(Utf8JsonWriter writer, string uri, string? mimeType, ReadOnlyMemory<byte> blob) =>
        WriteContents(writer, [new BlobResourceContents(uri, blob, mimeType)]);

    /// <summary>One set of contents, as the method built it.</summary>
    public static void WriteContents(Utf8JsonWriter writer, ResourceContents? contents) =>
        WriteContents(writer, contents is null ? [] : [contents]);

    /// <summary>Several contents (a resource may have more than one representation).</summary>
    public static void WriteContents(Utf8JsonWriter writer, IEnumerable<ResourceContents>? contents)
    {
        writer.WriteStartArray("contents"u8);
        if (contents is not null)
        {
            foreach (var item in contents) item.WriteTo(writer);
        }
        writer.WriteEndArray();
    }

    /// <summary>
    /// Reads <paramref name="stream"/> to its end straight into the response, chunk by chunk, and disposes it: as
    /// <c>text</c> when <paramref name="mimeType"/> is textual (<see cref="IsText"/>; the bytes must be UTF-8),
    /// otherwise as a base64 <c>blob</c>. The bytes are held once, encoded, in the response; a stream longer than
    /// <see cref="McpServerOptions.MaxResourceBytes"/> fails the read without being read past the limit.
    /// </summary>
    public static async ValueTask WriteStreamAsync(McpResourceCall call, string? mimeType, Stream? stream)
    {
        ArgumentNullException.ThrowIfNull(call);
        if (stream is null)
        {
            WriteContents(call.BeginResult(), (ResourceContents?)null);
            return;
        }
        await using (stream.ConfigureAwait(false))
        {
            var limit = call.MaxResourceBytes;
            if (stream.CanSeek && stream.Length - stream.Position > limit)
            {
                throw TooLarge(call, stream.Length - stream.Position, limit);
            }
            var text = IsText(mimeType);
            var writer = call.BeginResult();
            writer.WriteStartArray("contents"u8);
            writer.WriteStartObject();
            writer.WriteString("uri"u8, call.Uri);
            if (mimeType is not null) writer.WriteString("mimeType"u8, mimeType);
            writer.WritePropertyName(text ? "text"u8 : "blob"u8);

            var chunk = ArrayPool<byte>.Shared.Rent(ChunkBytes + 4);
            try
            {
                long total = 0;
                var carried = 0; // text: the bytes of a UTF-8 sequence split across chunks
                while (true)
                {
                    var read = await ReadChunkAsync(stream, chunk.AsMemory(carried, ChunkBytes), call).ConfigureAwait(false);
                    total += read;
                    if (total > limit) throw TooLarge(call, null, limit);
                    if (read == 0)
                    {
                        if (text) writer.WriteStringValueSegment(chunk.AsSpan(0, carried), isFinalSegment: true);
                        else writer.WriteBase64StringSegment(ReadOnlySpan<byte>.Empty, isFinalSegment: true);
                        break;
                    }
                    if (text)
                    {
                        var available = carried + read;
                        var complete = CompleteUtf8Length(chunk.AsSpan(0, available));
                        writer.WriteStringValueSegment(chunk.AsSpan(0, complete), isFinalSegment: false);
                        carried = available - complete;
                        chunk.AsSpan(complete, carried).CopyTo(chunk);
                    }
                    else
                    {
                        writer.WriteBase64StringSegment(chunk.AsSpan(0, read), isFinalSegment: false);
                    }
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(chunk);
            }
            writer.WriteEndObject();
            writer.WriteEndArray();
        }
    }

    /// <summary>Reads the file as <see cref="WriteStreamAsync"/> does, after checking its size against the limit without opening it.</summary>
    public static ValueTask WriteFileAsync(McpResourceCall call, string? mimeType, FileInfo? file)
    {
        ArgumentNullException.ThrowIfNull(call);
        if (file is null) return WriteStreamAsync(call, mimeType, null);
        file.Refresh();
        if (!file.Exists) throw new FileNotFoundException($"The file behind '{call.Uri}' does not exist.");
        if (file.Length > call.MaxResourceBytes) throw TooLarge(call, file.Length, call.MaxResourceBytes);
        var stream = new FileStream(file.FullName, new FileStreamOptions
        {
            Mode = FileMode.Open,
            Access = FileAccess.Read,
            Share = FileShare.Read,
            Options = FileOptions.Asynchronous | FileOptions.SequentialScan,
            BufferSize = 0, // the chunks are large; a second buffer would copy every byte once more
        });
        return WriteStreamAsync(call, mimeType, stream);
    }

    /// <summary>
    /// True for MIME types whose contents are text: <c>text/*</c>, JSON, XML, YAML, JavaScript and the
    /// <c>+json</c>/<c>+xml</c> suffixes. Streams of any other type (or of none) are sent as base64 blobs.
    /// </summary>
    public static bool IsText(string? mimeType)
    {
        if (mimeType is null) return false;
        var type = mimeType.AsSpan();
        var semicolon = type.IndexOf(';');
        if (semicolon >= 0) type = type[..semicolon];
        type = type.Trim();
        return type.StartsWith("text/", StringComparison.OrdinalIgnoreCase)
            || type.EndsWith("+json", StringComparison.OrdinalIgnoreCase)
            || type.EndsWith("+xml", StringComparison.OrdinalIgnoreCase)
            || type.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || type.Equals("application/xml", StringComparison.OrdinalIgnoreCase)
            || type.Equals("application/yaml", StringComparison.OrdinalIgnoreCase)
            || type.Equals("application/javascript", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Fills <paramref name="buffer"/> as far as the stream allows, so that base64 chunks stay whole quanta.</summary>
    private static async ValueTask<int> ReadChunkAsync(Stream stream, Memory<byte> buffer, McpResourceCall call)
    {
        var filled = 0;
        while (filled < buffer.Length)
        {
            var read = await stream.ReadAsync(buffer[filled..], call.CancellationToken).ConfigureAwait(false);
            if (read == 0) break;
            filled += read;
        }
        return filled;
    }

    /// <summary>The length of the longest prefix that does not end inside a UTF-8 sequence.</summary>
    private static int CompleteUtf8Length(ReadOnlySpan<byte> bytes)
    {
        // Look back at most three bytes for the lead byte of a sequence that the end cuts short.
        for (var back = 1; back <= Math.Min(3, bytes.Length); back++)
        {
            var b = bytes[^back];
            if ((b & 0xC0) == 0x80) continue; // a continuation byte: keep looking for its lead
            var needed = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
            return needed > back ? bytes.Length - back : bytes.Length;
        }
        return bytes.Length;
    }

    private static InvalidOperationException TooLarge(McpResourceCall call, long? size, long limit) =>
        new(size is long known
            ? string.Create(CultureInfo.InvariantCulture, $"'{call.Uri}' is {known} bytes, over the limit of {limit} bytes (McpServerOptions.MaxResourceBytes).")
            : string.Create(CultureInfo.InvariantCulture, $"'{call.Uri}' is over the limit of {limit} bytes (McpServerOptions.MaxResourceBytes); reading stopped there."));
}
