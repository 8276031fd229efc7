using System;
using System.Collections.Generic;
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
