using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using McpForge.Protocol;

namespace McpForge.Tests.Fixtures;

/// <summary>Fixed resources and templates with every variable and return shape.</summary>
public sealed partial class LibraryResources
{
    /// <summary>The read-me.</summary>
    [McpResource("docs://readme", MimeType = "text/markdown", Title = "Read me")]
    public static string Readme() => "# Library";

    /// <summary>The logo.</summary>
    [McpResource("docs://logo.png", Name = "logo", MimeType = "image/png")]
    public static byte[] Logo() => [137, 80, 78, 71];

    /// <summary>A user's profile.</summary>
    [McpResource("users://{id}/profile", MimeType = "application/json")]
    public static string Profile(int id) => "{\"id\":" + id + "}";

    /// <summary>A book by shelf colour and title.</summary>
    [McpResource("books://{shelf}/{title}")]
    public static async Task<ResourceContents> Book(Colour shelf, string title)
    {
        await Task.Yield();
        return new TextResourceContents("books://" + shelf + "/" + title, title + " on the " + shelf + " shelf", "text/plain");
    }

    /// <summary>Any file under the root.</summary>
    [McpResource("files:///{+path}")]
    public static IEnumerable<ResourceContents> File(string path) =>
    [
        new TextResourceContents("files:///" + path, "text of " + path),
        new BlobResourceContents("files:///" + path, new byte[] { 1, 2 }, "application/octet-stream"),
    ];

    /// <summary>Fails.</summary>
    [McpResource("errors://boom")]
    public static string Boom() => throw new InvalidOperationException("disk unplugged");
}

/// <summary>A tool that announces a resource changed.</summary>
public sealed partial class LibraryAdmin
{
    /// <summary>Marks a resource as changed.</summary>
    [McpTool("touch")]
    public static async Task<string> Touch(string uri, McpContext context)
    {
        await context.Server.NotifyResourceUpdatedAsync(uri);
        return "touched " + uri;
    }
}

/// <summary>Level 3 templates (optional query and path variables) and streamed contents.</summary>
public sealed partial class CatalogResources
{
    /// <summary>Where <see cref="Scan"/> reads from; set by tests.</summary>
    public static string ScanFolder = System.IO.Path.GetTempPath();

    /// <summary>Searches the catalog.</summary>
    [McpResource("catalog://search{?q,colour,limit}", MimeType = "text/plain")]
    public static string Search(string? q, Colour colour = Colour.Red, int limit = 10) =>
        "q=" + (q ?? "(none)") + " colour=" + colour + " limit=" + limit;

    /// <summary>A page of a book.</summary>
    [McpResource("catalog://books/{id}{/page}")]
    public static string Page(int id, int page) => "book " + id + " page " + page;

    /// <summary>A generated text, streamed.</summary>
    [McpResource("catalog://lines/{count}", MimeType = "text/plain; charset=utf-8")]
    public static System.IO.Stream Lines(int count)
    {
        var text = string.Concat(System.Linq.Enumerable.Range(1, count).Select(i => "línea " + i + " – ünïcödé\n"));
        return new System.IO.MemoryStream(System.Text.Encoding.UTF8.GetBytes(text));
    }

    /// <summary>Bytes from a stream that cannot seek, so its length is unknown until read.</summary>
    [McpResource("catalog://noise/{bytes}", MimeType = "application/octet-stream")]
    public static System.IO.Stream Noise(int bytes) => new UnseekableStream(System.Linq.Enumerable.Range(0, bytes).Select(i => (byte)i).ToArray());

    /// <summary>A file from the scan folder.</summary>
    [McpResource("catalog://scans/{name}", MimeType = "image/png")]
    public static System.IO.FileInfo Scan(string name) => new(System.IO.Path.Combine(ScanFolder, name));
}

/// <summary>A read-only stream over bytes that hides its length and cannot seek, as a network stream does.</summary>
public sealed class UnseekableStream(byte[] bytes) : System.IO.Stream
{
    private int _position;
    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override int Read(byte[] buffer, int offset, int count)
    {
        // Short reads, as sockets give, so that chunking is exercised.
        var n = Math.Min(Math.Min(count, 1000), bytes.Length - _position);
        Array.Copy(bytes, _position, buffer, offset, n);
        _position += n;
        return n;
    }
    public override long Seek(long offset, System.IO.SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
