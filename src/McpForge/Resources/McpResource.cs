using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using McpForge.Protocol;
using McpForge.Server;

namespace McpForge.Resources;

/// <summary>
/// Reads a resource: converts the template's <paramref name="variables"/> (in template order; empty for a fixed
/// resource) to the method's parameters, runs it, and writes the <c>ReadResourceResult</c> through
/// <see cref="McpCall.BeginResult"/>.
/// </summary>
public delegate ValueTask McpResourceReader(McpResourceCall call, ReadOnlySpan<string?> variables);

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

/// <summary>
/// A resource template: its URI template, already split by the generator into literal text and variables, its
/// <c>resources/templates/list</c> entry, and its reader.
/// </summary>
public sealed class McpResourceTemplate : McpComponent
{
    private readonly UriTemplateMatcher _matcher;

    /// <summary>Creates a template from its parts (see <see cref="UriTemplateMatcher"/>), its list entry and its reader.</summary>
    public McpResourceTemplate(string uriTemplate, UriTemplateMatcher matcher, ReadOnlySpan<byte> descriptor, McpResourceReader reader,
        IReadOnlyDictionary<string, string[]>? variableValues = null)
        : base(uriTemplate, descriptor, variableValues)
    {
        _matcher = matcher ?? throw new ArgumentNullException(nameof(matcher));
        Reader = reader ?? throw new ArgumentNullException(nameof(reader));
    }

    /// <summary>The URI template.</summary>
    public string UriTemplate => Name;

    /// <summary>Reads a resource this template matches.</summary>
    public McpResourceReader Reader { get; }

    /// <summary>
    /// A template built at run time, for <see cref="McpServer.AddResourceTemplate"/>: the template is compiled once here
    /// (<see cref="UriTemplateMatcher.Parse"/>), and <paramref name="read"/> gets the variables by name (null when the URI
    /// leaves one out) and returns the contents.
    /// </summary>
    public static McpResourceTemplate Create(string uriTemplate, string name, string? description, string? mimeType,
        Func<IReadOnlyDictionary<string, string?>, McpResourceCall, ValueTask<ResourceContents>> read)
    {
        ArgumentException.ThrowIfNullOrEmpty(uriTemplate);
        ArgumentNullException.ThrowIfNull(read);
        var matcher = UriTemplateMatcher.Parse(uriTemplate);
        return new McpResourceTemplate(uriTemplate, matcher, ResourceDescriptors.Write("uriTemplate"u8, uriTemplate, name, description, mimeType),
            (call, values) =>
            {
                var variables = new Dictionary<string, string?>(matcher.Variables.Count, StringComparer.Ordinal);
                for (var i = 0; i < matcher.Variables.Count; i++) variables[matcher.Variables[i]] = values[i];
                return RunAsync(call, variables, read);
            });

        static async ValueTask RunAsync(McpResourceCall call, Dictionary<string, string?> variables,
            Func<IReadOnlyDictionary<string, string?>, McpResourceCall, ValueTask<ResourceContents>> read) =>
            ResourceResults.WriteContents(call.BeginResult(), await read(variables, call).ConfigureAwait(false));
    }

    /// <summary>The values of the template's variables in <paramref name="uri"/>, or null when it does not match.</summary>
    public string?[]? Match(string uri) => _matcher.Match(uri);

    /// <summary>The template's variable names, in order.</summary>
    public IReadOnlyList<string> Variables => _matcher.Variables;
}

/// <summary>The resources and templates of one class.</summary>
public sealed class McpResourceSet(McpResource[] resources, McpResourceTemplate[] templates)
{
    /// <summary>The fixed resources, in declaration order.</summary>
    public ReadOnlySpan<McpResource> Resources => resources;

    /// <summary>The templates, in declaration order.</summary>
    public ReadOnlySpan<McpResourceTemplate> Templates => templates;
}

/// <summary>Writes the list entries of resources and templates made at run time.</summary>
internal static class ResourceDescriptors
{
    public static byte[] Write(ReadOnlySpan<byte> uriProperty, string uri, string name, string? description, string? mimeType)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var w = new System.Text.Json.Utf8JsonWriter(buffer, McpForge.JsonRpc.MessageBuffer.WriterOptions))
        {
            w.WriteStartObject();
            w.WriteString(uriProperty, uri);
            w.WriteString("name"u8, name);
            if (description is not null) w.WriteString("description"u8, description);
            if (mimeType is not null) w.WriteString("mimeType"u8, mimeType);
            w.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }
}
