using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace McpForge.TestInfrastructure;

/// <summary>
/// Reads Server-Sent Events (<c>event:</c>, <c>id:</c>, <c>data:</c>, <c>retry:</c>; comments skipped) from a response
/// body as they arrive. Each read is bounded: a stream that goes quiet fails the test instead of hanging it.
/// </summary>
public sealed class SseReader(Stream body, TimeSpan? wait = null) : IDisposable
{
    /// <summary>The bound on one read when none is given.</summary>
    public static readonly TimeSpan DefaultWait = TimeSpan.FromSeconds(10);

    private readonly StreamReader _reader = new(body, Encoding.UTF8);
    private readonly TimeSpan _wait = wait ?? DefaultWait;

    /// <summary>Every event of a whole body already read (an SSE answer to a POST, say).</summary>
    public static List<SseEvent> Parse(string text)
    {
        var events = new List<SseEvent>();
        var pending = new Pending();
        foreach (var line in text.Split('\n'))
        {
            if (pending.Take(line.TrimEnd('\r')) is { } e) events.Add(e);
        }
        if (pending.Take("") is { } last) events.Add(last); // a body cut short after its last field
        return events;
    }

    /// <summary>The next event, or null when the server ended the stream.</summary>
    public async Task<SseEvent?> NextAsync(TimeSpan? wait = null)
    {
        var bound = wait ?? _wait;
        using var cts = new CancellationTokenSource(bound);
        var pending = new Pending();
        while (true)
        {
            string? line;
            try
            {
                line = await _reader.ReadLineAsync(cts.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException("No SSE event within " + bound);
            }
            if (line is null) return null;
            if (pending.Take(line) is { } e) return e;
        }
    }

    /// <summary>Every event up to the end of the stream (at most <paramref name="max"/>).</summary>
    public async Task<List<SseEvent>> ReadToEndAsync(int max = 100)
    {
        var events = new List<SseEvent>();
        while (events.Count < max && await NextAsync().ConfigureAwait(false) is { } e) events.Add(e);
        return events;
    }

    public void Dispose() => _reader.Dispose();

    /// <summary>The fields of the event being read; a blank line ends it.</summary>
    private sealed class Pending
    {
        private string? _id, _data, _event;
        private int? _retry;

        /// <summary>Takes one line; returns the event it completes, if any.</summary>
        public SseEvent? Take(string line)
        {
            if (line.Length == 0)
            {
                // Blank lines between events (or after a comment) dispatch nothing.
                if (_data is null && _id is null && _retry is null && _event is null) return null;
                var e = new SseEvent(_id, _retry, _data ?? "", _event);
                _id = _data = _event = null;
                _retry = null;
                return e;
            }
            if (line.StartsWith(':')) return null;
            var colon = line.IndexOf(':');
            var field = colon < 0 ? line : line[..colon];
            var value = colon < 0 ? "" : line[(colon + 1)..].TrimStart(' ');
            switch (field)
            {
                case "id": _id = value; break;
                case "event": _event = value; break;
                case "retry": _retry = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "data": _data = _data is null ? value : _data + "\n" + value; break;
            }
            return null;
        }
    }
}
