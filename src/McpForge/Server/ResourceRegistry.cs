using System;
using System.Collections.Generic;
using McpForge.Resources;

namespace McpForge.Server;

/// <summary>
/// The resources a server offers: fixed ones found by exact URI, then templates tried in registration order
/// (the first that matches reads the resource). Fixed URIs and template strings must be unique.
/// </summary>
internal sealed class ResourceRegistry
{
    private readonly Dictionary<string, McpResource> _byUri = new(StringComparer.Ordinal);

    public ResourceRegistry(IEnumerable<McpResourceSet> sets)
    {
        var resources = new List<McpResource>();
        var templates = new List<McpResourceTemplate>();
        var templateNames = new HashSet<string>(StringComparer.Ordinal);
        foreach (var set in sets)
        {
            foreach (var resource in set.Resources)
            {
                if (!_byUri.TryAdd(resource.Uri, resource))
                {
                    throw new InvalidOperationException($"Two registered resources have the URI '{resource.Uri}'. Resource URIs must be unique within a server.");
                }
                resources.Add(resource);
            }
            foreach (var template in set.Templates)
            {
                if (!templateNames.Add(template.UriTemplate))
                {
                    throw new InvalidOperationException($"Two registered resource templates are '{template.UriTemplate}'. Templates must be unique within a server.");
                }
                templates.Add(template);
            }
        }
        Resources = [.. resources];
        Templates = [.. templates];
    }

    public McpResource[] Resources { get; }

    public McpResourceTemplate[] Templates { get; }

    /// <summary>The fixed resource with this URI, or the first template that matches it with its variable values.</summary>
    public (McpResourceReader? Reader, string[] Variables) Find(string uri)
    {
        if (_byUri.TryGetValue(uri, out var resource)) return (resource.Reader, []);
        foreach (var template in Templates)
        {
            if (template.Match(uri) is { } variables) return (template.Reader, variables);
        }
        return (null, []);
    }
}
