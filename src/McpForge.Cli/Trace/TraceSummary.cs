using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using McpForge.Cli.Protocol;

namespace McpForge.Cli.Trace;

/// <summary>What a traced session amounted to: messages and bytes each way, counts by method, error codes, the slowest requests.</summary>
internal sealed class TraceSummary
{
    private readonly SortedDictionary<string, int> _byMethod = new(System.StringComparer.Ordinal);
    private readonly SortedDictionary<int, int> _errors = [];

    public int MessagesIn { get; private set; }
    public int MessagesOut { get; private set; }
    public long BytesIn { get; private set; }
    public long BytesOut { get; private set; }
    public int Invalid { get; private set; }

    public IReadOnlyDictionary<string, int> ByMethod => _byMethod;
    public IReadOnlyDictionary<int, int> Errors => _errors;

    internal void Count(TraceDirection direction, RpcEnvelope envelope, int bytes)
    {
        if (direction == TraceDirection.In) { MessagesIn++; BytesIn += bytes; }
        else { MessagesOut++; BytesOut += bytes; }
        if (envelope.Method is { } method) _byMethod[method] = _byMethod.GetValueOrDefault(method) + 1;
        if (envelope.ErrorCode is { } code) _errors[code] = _errors.GetValueOrDefault(code) + 1;
        if (envelope.Kind == RpcKind.Invalid) Invalid++;
    }

    public void Write(TextWriter output, TraceRecorder recorder, string? recordsPath)
    {
        var (completed, unanswered, duration) = recorder.Result();
        output.WriteLine($"mcpforge trace: {MessagesIn + MessagesOut} messages ({MessagesIn} in, {MessagesOut} out; {BytesIn} bytes in, {BytesOut} bytes out) in {duration.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture)} s");
        if (_byMethod.Count > 0) output.WriteLine("  by method: " + string.Join(", ", _byMethod.Select(p => $"{p.Key} {p.Value}")));
        output.WriteLine("  errors: " + (_errors.Count == 0 ? "none" : string.Join(", ", _errors.Select(p => $"{McpProtocol.DescribeError(p.Key)} x{p.Value}"))));
        if (Invalid > 0) output.WriteLine($"  not JSON-RPC: {Invalid} lines");
        if (unanswered > 0) output.WriteLine($"  unanswered requests: {unanswered}");
        var slowest = completed.OrderByDescending(r => r.LatencyMs).Take(5).ToList();
        if (slowest.Count > 0)
            output.WriteLine("  slowest: " + string.Join(", ", slowest.Select(r =>
                $"{r.Method}{(r.Name is null ? "" : " " + r.Name)} (id {r.Id}) {r.LatencyMs.ToString("0.0", CultureInfo.InvariantCulture)} ms")));
        if (recordsPath is not null) output.WriteLine("  records: " + recordsPath);
    }
}
