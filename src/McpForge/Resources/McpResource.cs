using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using McpForge.Server;

namespace McpForge.Resources;

/// <summary>
/// Reads a resource: converts the template's <paramref name="variables"/> (in template order; empty for a fixed
/// resource) to the method's parameters, runs it, and writes the <c>ReadResourceResult</c> through
/// <see cref="McpCall.BeginResult"/>.
/// </summary>
public delegate ValueTask McpResourceReader(McpResourceCall call, ReadOnlySpan<string> variables);

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

    /// <summary>The values of the template's variables in <paramref name="uri"/>, or null when it does not match.</summary>
    public string[]? Match(string uri) => _matcher.Match(uri);
}

/// <summary>The resources and templates of one class.</summary>
public sealed class McpResourceSet(McpResource[] resources, McpResourceTemplate[] templates)
{
    /// <summary>The fixed resources, in declaration order.</summary>
    public ReadOnlySpan<McpResource> Resources => resources;

    /// <summary>The templates, in declaration order.</summary>
    public ReadOnlySpan<McpResourceTemplate> Templates => templates;
}
