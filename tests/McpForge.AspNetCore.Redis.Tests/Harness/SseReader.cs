using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace McpForge.AspNetCore.Redis.Tests.Harness;

/// <summary>Reads SSE events from a response body, each read bounded in time.</summary>
internal sealed class SseReader(Stream body) : IDisposable
{
    private readonly StreamReader _reader = new(body, Encoding.UTF8);

    /// <summary>The next event, or null when the server ended the stream.</summary>
    public async Task<SseEvent?> NextAsync(TimeSpan? wait = null)
    {
        using var cts = new CancellationTokenSource(wait ?? Fleet.Wait);
        string? id = null, data = null;
        int? retry = null;
        while (true)
        {
            string? line;
            try
            {
                line = await _reader.ReadLineAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException("No SSE event within " + (wait ?? Fleet.Wait));
            }
            if (line is null) return null;
            if (line.Length == 0)
            {
                if (data is null && id is null && retry is null) continue;
                return new SseEvent(id, retry, data ?? "");
            }
            if (line.StartsWith(':')) continue;
            var colon = line.IndexOf(':');
            var field = colon < 0 ? line : line[..colon];
            var value = colon < 0 ? "" : line[(colon + 1)..].TrimStart(' ');
            switch (field)
            {
                case "id": id = value; break;
                case "retry": retry = int.Parse(value, System.Globalization.CultureInfo.InvariantCulture); break;
                case "data": data = data is null ? value : data + "\n" + value; break;
            }
        }
    }

    /// <summary>Every event up to the end of the stream (at most <paramref name="max"/>).</summary>
    public async Task<List<SseEvent>> ReadToEndAsync(int max = 100)
    {
        var events = new List<SseEvent>();
        while (events.Count < max && await NextAsync() is { } e) events.Add(e);
        return events;
    }

    public void Dispose() => _reader.Dispose();
}
