using System;
using System.Collections.Generic;
using System.Text;
using McpForge.AspNetCore.EventStore;
using McpForge.AspNetCore.Transport;
using McpForge.Resources;
using Microsoft.Extensions.Primitives;
using McpForge.Generated;

namespace McpForge.Fuzz.Targets;

/// <summary>The small parsers that see untrusted text: URI templates and URIs, <c>Accept</c> headers, event ids.</summary>
public static class ParserTargets
{
    /// <summary>
    /// A template and a URI (split at the first 0 byte): a template McpForge cannot match is refused with
    /// <see cref="ArgumentException"/>, and matching never throws and gives one value per variable.
    /// </summary>
    public static void UriTemplate(ReadOnlySpan<byte> input)
    {
        var zero = input.IndexOf((byte)0);
        var template = Encoding.UTF8.GetString(zero < 0 ? input : input[..zero]);
        var uri = zero < 0 ? template : Encoding.UTF8.GetString(input[(zero + 1)..]);
        UriTemplateMatcher matcher;
        try
        {
            matcher = UriTemplateMatcher.Parse(template);
        }
        catch (ArgumentException)
        {
            return; // refused with its reason: what MCPF0015 reports at build time
        }
        var values = matcher.Match(uri);
        if (values is not null && values.Length != matcher.Variables.Count)
        {
            throw new InvariantException($"'{template}' matched '{uri}' with {values.Length} values for {matcher.Variables.Count} variables");
        }
        // A template's own literal text, with no variables, matches itself.
        if (matcher.Variables.Count == 0 && matcher.Match(template) is null)
        {
            throw new InvariantException($"'{template}' has no variables but does not match itself");
        }
    }

    /// <summary>An <c>Accept</c> header: parsing never throws, and preferring SSE implies accepting it.</summary>
    public static void Accept(ReadOnlySpan<byte> input)
    {
        var header = Encoding.UTF8.GetString(input);
        var accepted = AcceptedMedia.From(new StringValues(header.Split('\n')));
        if (accepted.PrefersEvents && !accepted.Events) throw new InvariantException("prefers SSE without accepting it: " + header);
    }

    private static readonly InMemoryEventStore s_store = NewStore();

    private static InMemoryEventStore NewStore()
    {
        var store = new InMemoryEventStore { MaxEventsPerSession = 16 };
        for (var i = 0; i < 20; i++) store.Append("s", (i % 3).ToString(System.Globalization.CultureInfo.InvariantCulture), "{}"u8);
        return store;
    }

    /// <summary>A <c>Last-Event-ID</c>: an unknown one is refused, a known one replays only its own stream, after it.</summary>
    public static void LastEventId(ReadOnlySpan<byte> input)
    {
        var id = Encoding.UTF8.GetString(input);
        var events = new List<StoredEvent>();
        if (!s_store.TryGetEventsAfter("s", id, out var stream, events)) return;
        foreach (var e in events)
        {
            if (!e.Id.StartsWith(stream + "-", StringComparison.Ordinal))
            {
                throw new InvariantException($"'{id}' replayed {e.Id} of another stream than {stream}");
            }
        }
    }
}
