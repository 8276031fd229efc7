using System;
using System.Buffers;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Text.Json;
using McpForge.Cli.Protocol;

namespace McpForge.Cli.Trace;

/// <summary>Which way a message went: <c>in</c> to the server (from the client), <c>out</c> from the server.</summary>
internal enum TraceDirection { In, Out }

/// <summary>
/// Writes one JSON line per message (the record format of docs/cli.md, "Trace records") and keeps what the summary
/// needs: counts by method, error codes, request latencies. Both directions call it; one lock keeps lines whole.
/// </summary>
internal sealed class TraceRecorder(Stream records, bool includePayloads)
{
    private readonly object _gate = new();
    private readonly ArrayBufferWriter<byte> _buffer = new(1024);
    private readonly Dictionary<(TraceDirection, string), (string Method, string? Name, long Started)> _open = [];
    private readonly List<TracedRequest> _completed = [];
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    public TraceSummary Summary { get; } = new();

    /// <summary>Records one line (without its newline) that went in <paramref name="direction"/>.</summary>
    public void Observe(TraceDirection direction, ReadOnlySpan<byte> line)
    {
        if (!line.IsEmpty && line[^1] == (byte)'\r') line = line[..^1];
        if (line.IsEmpty) return;
        var envelope = RpcEnvelope.Read(line);
        var now = Stopwatch.GetTimestamp();
        var timestamp = DateTime.UtcNow;
        lock (_gate)
        {
            string? method = envelope.Method;
            double? latencyMs = null;
            string? name = envelope.Name;
            switch (envelope.Kind)
            {
                case RpcKind.Request:
                    _open[(direction, envelope.Id!)] = (envelope.Method!, envelope.Name, now);
                    break;
                case RpcKind.Response or RpcKind.Error when envelope.Id is { } id:
                    // A response answers a request that went the other way.
                    var requestDirection = direction == TraceDirection.In ? TraceDirection.Out : TraceDirection.In;
                    if (_open.Remove((requestDirection, id), out var request))
                    {
                        method = request.Method;
                        name = request.Name;
                        latencyMs = Stopwatch.GetElapsedTime(request.Started, now).TotalMilliseconds;
                        _completed.Add(new TracedRequest(requestDirection, id, request.Method, request.Name, latencyMs.Value, envelope.ErrorCode));
                    }
                    break;
            }
            Summary.Count(direction, envelope, line.Length);

            _buffer.Clear();
            using (var json = new Utf8JsonWriter(_buffer))
            {
                json.WriteStartObject();
                json.WriteString("ts", timestamp.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture));
                json.WriteString("dir", direction == TraceDirection.In ? "in" : "out");
                json.WriteString("kind", Kind(envelope.Kind));
                if (envelope.Id is { } rawId)
                {
                    json.WritePropertyName("id");
                    json.WriteRawValue(rawId, skipInputValidation: true);
                }
                if (method is not null) json.WriteString("method", method);
                if (name is not null && envelope.Kind != RpcKind.Notification) json.WriteString("name", name);
                json.WriteNumber("bytes", line.Length);
                if (latencyMs is { } ms) json.WriteNumber("latencyMs", Math.Round(ms, 3));
                if (envelope.ErrorCode is { } code) json.WriteNumber("errorCode", code);
                if (envelope.Problem is { } problem) json.WriteString("problem", problem);
                if (includePayloads)
                {
                    json.WritePropertyName("message");
                    if (envelope.Kind == RpcKind.Invalid) json.WriteStringValue(System.Text.Encoding.UTF8.GetString(line));
                    else json.WriteRawValue(line, skipInputValidation: true);
                }
                json.WriteEndObject();
            }
            _buffer.Write("\n"u8);
            records.Write(_buffer.WrittenSpan);
            records.Flush();
        }
    }

    /// <summary>Requests answered so far, and the ones still open when the session ended.</summary>
    public (IReadOnlyList<TracedRequest> Completed, int Unanswered, TimeSpan Duration) Result()
    {
        lock (_gate) return (_completed.ToArray(), _open.Count, _clock.Elapsed);
    }

    private static string Kind(RpcKind kind) => kind switch
    {
        RpcKind.Request => "request",
        RpcKind.Notification => "notification",
        RpcKind.Response => "response",
        RpcKind.Error => "error",
        _ => "invalid",
    };
}

/// <summary>One request and its answer, as the summary lists the slowest.</summary>
internal sealed record TracedRequest(TraceDirection Direction, string Id, string Method, string? Name, double LatencyMs, int? ErrorCode);
