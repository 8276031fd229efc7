using System;
using System.Collections.Generic;
using System.Threading;
using McpForge.Resources;
using McpForge.Generated;

namespace McpForge.Server;

/// <summary>
/// The resources a server offers: fixed ones found by exact URI, then templates tried in registration order
/// (the first that matches reads the resource). Fixed URIs and template strings are unique. Resources and
/// templates can be added and removed while the server runs: readers see an immutable snapshot, and a change
/// copies and swaps it, so reads never lock.
/// </summary>
internal sealed class ResourceRegistry
{
    private readonly object _gate = new();
    private Snapshot _current;

    public ResourceRegistry(IEnumerable<McpResourceSet> sets)
    {
        var resources = new List<McpResource>();
        var templates = new List<McpResourceTemplate>();
        var byUri = new Dictionary<string, McpResource>(StringComparer.Ordinal);
        var templateNames = new HashSet<string>(StringComparer.Ordinal);
        foreach (var set in sets)
        {
            foreach (var resource in set.Resources)
            {
                if (!byUri.TryAdd(resource.Uri, resource))
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
        _current = new Snapshot(byUri, [.. resources], [.. templates]);
    }

    public McpResource[] Resources => Volatile.Read(ref _current).Resources;

    public McpResourceTemplate[] Templates => Volatile.Read(ref _current).Templates;

    /// <summary>The fixed resource with this URI, or the first template that matches it with its variable values.</summary>
    public (McpComponent? Component, McpResourceReader? Reader, string?[] Variables) Find(string uri)
    {
        var snapshot = Volatile.Read(ref _current);
        if (snapshot.ByUri.TryGetValue(uri, out var resource)) return (resource, resource.Reader, []);
        foreach (var template in snapshot.Templates)
        {
            if (template.Match(uri) is { } variables) return (template, template.Reader, variables);
        }
        return (null, null, []);
    }

    public void Add(McpResource resource)
    {
        lock (_gate)
        {
            var s = _current;
            if (s.ByUri.ContainsKey(resource.Uri))
            {
                throw new InvalidOperationException($"A resource with the URI '{resource.Uri}' is already registered.");
            }
            var byUri = new Dictionary<string, McpResource>(s.ByUri, StringComparer.Ordinal) { [resource.Uri] = resource };
            Volatile.Write(ref _current, new Snapshot(byUri, [.. s.Resources, resource], s.Templates));
        }
    }

    public void Add(McpResourceTemplate template)
    {
        lock (_gate)
        {
            var s = _current;
            if (Array.Exists(s.Templates, t => t.UriTemplate == template.UriTemplate))
            {
                throw new InvalidOperationException($"The resource template '{template.UriTemplate}' is already registered.");
            }
            Volatile.Write(ref _current, new Snapshot(s.ByUri, s.Resources, [.. s.Templates, template]));
        }
    }

    /// <summary>Removes the fixed resource of that URI, or the template of that string; false when there is none.</summary>
    public bool Remove(string uriOrTemplate)
    {
        lock (_gate)
        {
            var s = _current;
            if (s.ByUri.ContainsKey(uriOrTemplate))
            {
                var byUri = new Dictionary<string, McpResource>(s.ByUri, StringComparer.Ordinal);
                byUri.Remove(uriOrTemplate);
                Volatile.Write(ref _current, new Snapshot(byUri, Array.FindAll(s.Resources, r => r.Uri != uriOrTemplate), s.Templates));
                return true;
            }
            if (Array.Exists(s.Templates, t => t.UriTemplate == uriOrTemplate))
            {
                Volatile.Write(ref _current, new Snapshot(s.ByUri, s.Resources, Array.FindAll(s.Templates, t => t.UriTemplate != uriOrTemplate)));
                return true;
            }
            return false;
        }
    }

    private sealed record Snapshot(Dictionary<string, McpResource> ByUri, McpResource[] Resources, McpResourceTemplate[] Templates);
}
