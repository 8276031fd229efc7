using System;
using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace McpForge.AspNetCore.Transport;

/// <summary>What a request's <c>Accept</c> header allows: JSON, SSE, and which it lists first.</summary>
internal readonly record struct AcceptedMedia(bool Json, bool Events, bool PrefersEvents)
{
    public bool Any => Json || Events;

    /// <summary>
    /// Reads <c>Accept</c>: <c>application/json</c> and <c>text/event-stream</c> (or wildcards covering them) with a
    /// quality above zero. When both are acceptable the one listed first (or with the higher quality) is preferred.
    /// A missing header accepts both, as HTTP says; MCP clients must send it.
    /// </summary>
    public static AcceptedMedia From(StringValues header)
    {
        if (StringValues.IsNullOrEmpty(header)) return new AcceptedMedia(true, true, false);
        // What MCP clients send on every request, answered without parsing it again (parsing costs about 1,100
        // instructions, bench/Eras/count_http_instructions.py); RequestChecksTests checks these against the parse.
        if (header.Count == 1)
        {
            switch (header[0])
            {
                case "application/json, text/event-stream":
                case "application/json,text/event-stream":
                    return new AcceptedMedia(true, true, false);
                case "text/event-stream, application/json":
                case "text/event-stream,application/json":
                    return new AcceptedMedia(true, true, true);
                case "application/json":
                    return new AcceptedMedia(true, false, false);
                case "text/event-stream":
                    return new AcceptedMedia(false, true, true);
            }
        }
        return Parse(header);
    }

    /// <summary>Reads <c>Accept</c> as <see cref="From"/> says, media range by media range.</summary>
    internal static AcceptedMedia Parse(StringValues header)
    {
        double json = -1, events = -1;
        int jsonOrder = int.MaxValue, eventsOrder = int.MaxValue, order = 0;
        foreach (var value in header)
        {
            if (value is null) continue;
            foreach (var range in value.AsSpan().Split(','))
            {
                var item = value.AsSpan()[range].Trim();
                if (item.IsEmpty) continue;
                var semicolon = item.IndexOf(';');
                var type = (semicolon < 0 ? item : item[..semicolon]).Trim();
                var quality = semicolon < 0 ? 1.0 : Quality(item[(semicolon + 1)..]);
                var coversJson = type.Equals("application/json", StringComparison.OrdinalIgnoreCase)
                    || type.Equals("application/*", StringComparison.OrdinalIgnoreCase) || type.SequenceEqual("*/*");
                var coversEvents = type.Equals("text/event-stream", StringComparison.OrdinalIgnoreCase)
                    || type.Equals("text/*", StringComparison.OrdinalIgnoreCase) || type.SequenceEqual("*/*");
                if (coversJson && quality > json) { json = quality; jsonOrder = Math.Min(jsonOrder, order); }
                if (coversEvents && quality > events) { events = quality; eventsOrder = Math.Min(eventsOrder, order); }
                order++;
            }
        }
        var acceptsJson = json > 0;
        var acceptsEvents = events > 0;
        var prefersEvents = acceptsEvents && (!acceptsJson || events > json || (events == json && eventsOrder < jsonOrder));
        return new AcceptedMedia(acceptsJson, acceptsEvents, prefersEvents);
    }

    private static double Quality(ReadOnlySpan<char> parameters)
    {
        foreach (var range in parameters.Split(';'))
        {
            var p = parameters[range].Trim();
            if (p.StartsWith("q=", StringComparison.OrdinalIgnoreCase)
                && double.TryParse(p[2..], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var q))
            {
                return q;
            }
        }
        return 1.0;
    }
}

/// <summary>
/// The checks every request to the MCP endpoint passes before it reaches a session: DNS-rebinding protection
/// (<c>Host</c> and <c>Origin</c>), and the content type of a POST.
/// </summary>
internal static class RequestChecks
{
    /// <summary>Null when the request may proceed, otherwise why it is refused (403).</summary>
    public static string? CheckHostAndOrigin(HttpContext context, McpHttpOptions options)
    {
        var request = context.Request;
        if (options.AllowedHosts.Count > 0)
        {
            if (!Contains(options.AllowedHosts, request.Host.Host)) return $"The Host '{request.Host}' is not one this server accepts (McpHttpOptions.AllowedHosts).";
        }
        else if (!IsLoopbackHost(request.Headers.Host) && IsOnLoopback(context))
        {
            // The name is looked at first: a loopback name passes wherever the server listens, without asking the connection.
            return $"The Host '{request.Host}' is not a loopback name; a server on a loopback address accepts only localhost, 127.0.0.1 and [::1] (DNS-rebinding protection; see McpHttpOptions.AllowedHosts).";
        }

        var origin = request.Headers.Origin;
        if (StringValues.IsNullOrEmpty(origin)) return null; // not a browser request
        var text = origin.ToString();
        if (options.AllowedOrigins.Count > 0)
        {
            return IsAllowedOrigin(options, text) ? null : $"The Origin '{text}' is not one this server accepts (McpHttpOptions.AllowedOrigins).";
        }
        if (!Uri.TryCreate(text, UriKind.Absolute, out var originUri))
        {
            return $"The Origin '{text}' is not a valid origin.";
        }
        if (IsOnLoopback(context))
        {
            return IsLoopbackName(originUri.Host) ? null
                : $"The Origin '{text}' is not a loopback origin; a server on a loopback address accepts browser requests from loopback pages only (see McpHttpOptions.AllowedOrigins).";
        }
        // Elsewhere only same-origin pages may call without configuration.
        return string.Equals(originUri.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase) ? null
            : $"The Origin '{text}' is not this server's origin (see McpHttpOptions.AllowedOrigins).";
    }

    private static bool IsOnLoopback(HttpContext context) => context.Connection.LocalIpAddress is not { } local || IPAddress.IsLoopback(local);

    /// <summary>
    /// True when the <c>Host</c> header names a loopback host (<see cref="IsLoopbackName"/>) once its port is set aside, as
    /// <see cref="HttpRequest.Host"/> reads it (<see cref="HostString.FromUriComponent(string)"/>), without the strings that makes.
    /// </summary>
    internal static bool IsLoopbackHost(StringValues header)
    {
        ReadOnlySpan<char> value = header.Count == 1 ? header[0] : header.ToString();
        var close = value.IndexOf(']');
        if (close >= 0) return IsLoopbackName(value[..(close + 1)]); // [::1]:8080
        var colon = value.IndexOf(':');
        if (colon < 0) return IsLoopbackName(value);
        // Two colons or more: an IPv6 address without brackets and without a port (HostString adds the brackets).
        if (colon < value.Length - 1 && value[(colon + 1)..].Contains(':')) return IsLoopbackName(value);
        return IsLoopbackName(value[..colon]); // localhost:5000
    }

    public static bool IsAllowedOrigin(McpHttpOptions options, string origin) =>
        Contains(options.AllowedOrigins, origin.TrimEnd('/'));

    /// <summary>True for <c>application/json</c> with or without parameters such as <c>charset=utf-8</c>.</summary>
    public static bool IsJson(string? contentType)
    {
        if (contentType is null) return false;
        var type = contentType.AsSpan();
        var semicolon = type.IndexOf(';');
        if (semicolon >= 0) type = type[..semicolon];
        return type.Trim().Equals("application/json", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>localhost (any case), 127.0.0.1, [::1] or ::1: the exact spellings first, as clients send them.</summary>
    internal static bool IsLoopbackName(ReadOnlySpan<char> host) =>
        host is "127.0.0.1" or "localhost" or "[::1]" or "::1" || host.Equals("localhost", StringComparison.OrdinalIgnoreCase);

    private static bool Contains(System.Collections.Generic.IList<string> values, string value)
    {
        foreach (var candidate in values)
        {
            if (string.Equals(candidate.TrimEnd('/'), value, StringComparison.OrdinalIgnoreCase)) return true;
        }
        return false;
    }
}
