using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;

namespace McpForge.AspNetCore.EventStore;

/// <summary>
/// The default <see cref="IMcpEventStore"/>: events in memory, bounded per session by count and bytes (the oldest
/// are dropped first). Event ids are <c>{stream}-{sequence}</c>, so a <c>Last-Event-ID</c> names its stream even
/// after its events were dropped.
/// </summary>
public sealed class InMemoryEventStore : IMcpEventStore
{
    private readonly ConcurrentDictionary<string, SessionLog> _sessions = new(StringComparer.Ordinal);

    /// <summary>The most events kept per session. Default 1,000.</summary>
    public int MaxEventsPerSession { get; init; } = 1000;

    /// <summary>The most message bytes kept per session. Default 4 MiB.</summary>
    public long MaxBytesPerSession { get; init; } = 4 * 1024 * 1024;

    /// <summary>Events kept, over every session (for tests and monitoring).</summary>
    public int Count
    {
        get
        {
            var count = 0;
            foreach (var log in _sessions.Values)
            {
                lock (log) count += log.Order.Count;
            }
            return count;
        }
    }

    /// <summary>Sessions that have events or streams here.</summary>
    public int SessionCount => _sessions.Count;

    /// <inheritdoc/>
    public string Append(string sessionId, string streamId, ReadOnlySpan<byte> message)
    {
        var log = _sessions.GetOrAdd(sessionId, static _ => new SessionLog());
        lock (log)
        {
            if (!log.Streams.TryGetValue(streamId, out var stream))
            {
                log.Streams[streamId] = stream = new StreamLog();
            }
            var sequence = ++stream.LastSequence;
            var id = streamId + "-" + sequence.ToString(CultureInfo.InvariantCulture);
            if (message.IsEmpty) return id; // a priming event: a position in the stream, nothing to replay

            var entry = new Entry(streamId, sequence, id, message.ToArray());
            stream.Events.Enqueue(entry);
            entry.Node = log.Order.AddLast(entry);
            log.Bytes += entry.Message.Length;
            // The oldest event of the session is also the oldest of its stream, so both queues drop from the front.
            while (log.Order.Count > MaxEventsPerSession || log.Bytes > MaxBytesPerSession)
            {
                var oldest = log.Order.First!.Value;
                log.Order.RemoveFirst();
                log.Streams[oldest.StreamId].Events.Dequeue();
                log.Bytes -= oldest.Message.Length;
            }
            return id;
        }
    }

    /// <inheritdoc/>
    public bool TryGetEventsAfter(string sessionId, string lastEventId, out string streamId, List<StoredEvent> events)
    {
        ArgumentNullException.ThrowIfNull(lastEventId);
        ArgumentNullException.ThrowIfNull(events);
        streamId = string.Empty;
        var dash = lastEventId.LastIndexOf('-');
        if (dash <= 0 || !long.TryParse(lastEventId.AsSpan(dash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var after)
            || !_sessions.TryGetValue(sessionId, out var log))
        {
            return false;
        }
        var stream = lastEventId[..dash];
        lock (log)
        {
            if (!log.Streams.TryGetValue(stream, out var entries) || after > entries.LastSequence) return false;
            foreach (var entry in entries.Events)
            {
                if (entry.Sequence > after) events.Add(new StoredEvent(entry.Id, entry.Message));
            }
        }
        streamId = stream;
        return true;
    }

    /// <inheritdoc/>
    public void RemoveStream(string sessionId, string streamId)
    {
        if (!_sessions.TryGetValue(sessionId, out var log)) return;
        lock (log)
        {
            if (!log.Streams.Remove(streamId, out var stream)) return;
            foreach (var entry in stream.Events)
            {
                log.Order.Remove(entry.Node!);
                log.Bytes -= entry.Message.Length;
            }
        }
    }

    /// <inheritdoc/>
    public void RemoveSession(string sessionId) => _sessions.TryRemove(sessionId, out _);

    private sealed class Entry(string streamId, long sequence, string id, byte[] message)
    {
        public string StreamId { get; } = streamId;
        public long Sequence { get; } = sequence;
        public string Id { get; } = id;
        public byte[] Message { get; } = message;
        public LinkedListNode<Entry>? Node { get; set; }
    }

    private sealed class StreamLog
    {
        public long LastSequence;
        public Queue<Entry> Events { get; } = new();
    }

    private sealed class SessionLog
    {
        public long Bytes;
        public Dictionary<string, StreamLog> Streams { get; } = new(StringComparer.Ordinal);
        public LinkedList<Entry> Order { get; } = new();
    }
}
