using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using McpForge.Protocol;
using McpForge.Server;
using McpForge.Generated;

namespace McpForge.Resources;

/// <summary>A fixed resource: its URI, its <c>resources/list</c> entry as precomputed UTF-8 JSON, and its reader.</summary>
public sealed class McpResource : McpComponent
{
    /// <summary>Creates a resource from its URI, its complete <c>resources/list</c> entry and its reader.</summary>
    public McpResource(string uri, ReadOnlySpan<byte> descriptor, McpResourceReader reader) : base(uri, descriptor, null)
    {
        Reader = reader ?? throw new ArgumentNullException(nameof(reader));
    }

    /// <summary>The resource's URI.</summary>
    public string Uri => Name;

    /// <summary>Reads the resource.</summary>
    public McpResourceReader Reader { get; }

    /// <summary>
    /// A resource built at run time, for <see cref="McpServer.AddResource"/>: <paramref name="read"/> returns its
    /// contents. Generated resources are checked at build time; this is for resources known only once the server runs.
    /// </summary>
    public static McpResource Create(string uri, string name, string? description, string? mimeType,
        Func<McpResourceCall, ValueTask<ResourceContents>> read)
    {
        ArgumentException.ThrowIfNullOrEmpty(uri);
        ArgumentNullException.ThrowIfNull(read);
        return new McpResource(uri, ResourceDescriptors.Write("uri"u8, uri, name, description, mimeType), (call, _) => RunAsync(call, read));

        static async ValueTask RunAsync(McpResourceCall call, Func<McpResourceCall, ValueTask<ResourceContents>> read) =>
            ResourceResults.WriteContents(call.BeginResult(), await read(call).ConfigureAwait(false));
    }
}
