using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using McpForge.Cli.Protocol;

namespace McpForge.Cli.Client;

/// <summary>A JSON-RPC error as the server sent it.</summary>
internal sealed record RpcError(int Code, string Message, JsonElement? Data);

/// <summary>
/// What came of one request: a result, an error, or no answer at all (<see cref="Failure"/>: a timeout, the server
/// exiting, an HTTP status). <see cref="Bytes"/> is the size of the response as received.
/// </summary>
internal sealed record RpcOutcome(string Method, JsonElement? Result, RpcError? Error, TimeSpan Elapsed, int Bytes, string? Failure)
{
    public bool Succeeded => Result is not null;

    /// <summary>Over HTTP, the non-2xx answer that replaced a JSON-RPC response.</summary>
    public HttpStatusException? HttpStatus { get; init; }

    /// <summary>The id the response carried, raw (<c>null</c> for an error the server could not tie to a request).</summary>
    public string? ResponseId { get; init; }

    /// <summary>Why there is no result, in a few words, for reports.</summary>
    public string Problem => Failure ?? (Error is { } e ? $"error {McpProtocol.DescribeError(e.Code)}: {e.Message}" : "no result");
}

/// <summary>The client side of an MCP session over any <see cref="IMcpConnection"/>: ids, correlation, timing.</summary>
internal sealed class McpClient : IAsyncDisposable
{
    private readonly IMcpConnection _connection;
    private readonly ConcurrentDictionary<string, Pending> _pending = new(StringComparer.Ordinal);
    private readonly List<string> _strayLines = [];
    private readonly List<RpcOutcome> _exchanges = [];
    private readonly Task _pump;
    private long _nextId;
    private volatile bool _closed;

    public McpClient(IMcpConnection connection, TimeSpan requestTimeout)
    {
        _connection = connection;
        RequestTimeout = requestTimeout;
        _pump = Task.Run(PumpAsync);
    }

    public IMcpConnection Connection => _connection;

    public TimeSpan RequestTimeout { get; }

    /// <summary>The answer to <c>initialize</c>, once <see cref="InitializeAsync"/> succeeded.</summary>
    public JsonElement? ServerInfo { get; private set; }

    public JsonElement? ServerCapabilities { get; private set; }

    public string? NegotiatedVersion { get; private set; }

    /// <summary>Lines the server wrote to stdout that are not JSON-RPC messages (at most 20 kept).</summary>
    public IReadOnlyList<string> StrayLines
    {
        get { lock (_strayLines) return _strayLines.ToArray(); }
    }

    public int StrayLineCount { get; private set; }

    /// <summary>Every request made so far with its timing and response size.</summary>
    public IReadOnlyList<RpcOutcome> Exchanges
    {
        get { lock (_exchanges) return _exchanges.ToArray(); }
    }

    public int NotificationsReceived { get; private set; }

    /// <summary>True once the server closed its side (process exit, end of stdout).</summary>
    public bool Closed => _closed;

    public bool HasCapability(string name) =>
        ServerCapabilities is { ValueKind: JsonValueKind.Object } capabilities && capabilities.TryGetProperty(name, out _);

    public async Task<RpcOutcome> InitializeAsync(string protocolVersion, CancellationToken cancellationToken)
    {
        var outcome = await RequestAsync("initialize",
            "{\"protocolVersion\":" + JsonText.Quote(protocolVersion) + ",\"capabilities\":{},\"clientInfo\":{\"name\":\"mcpforge\",\"version\":\"" + CliVersion.Value + "\"}}",
            cancellationToken: cancellationToken).ConfigureAwait(false);
        if (outcome.Result is { ValueKind: JsonValueKind.Object } result)
        {
            NegotiatedVersion = result.TryGetProperty("protocolVersion", out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
            ServerInfo = result.TryGetProperty("serverInfo", out var info) ? info : null;
            ServerCapabilities = result.TryGetProperty("capabilities", out var caps) ? caps : null;
            _connection.ProtocolVersion = NegotiatedVersion;
            await NotifyAsync("notifications/initialized", null, cancellationToken).ConfigureAwait(false);
        }
        return outcome;
    }

    public Task<RpcOutcome> RequestAsync(string method, string? paramsJson, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        var id = Interlocked.Increment(ref _nextId).ToString(CultureInfo.InvariantCulture);
        var message = paramsJson is null
            ? $$"""{"jsonrpc":"2.0","id":{{id}},"method":{{JsonText.Quote(method)}}}"""
            : $$"""{"jsonrpc":"2.0","id":{{id}},"method":{{JsonText.Quote(method)}},"params":{{paramsJson}}}""";
        return SendAndAwaitAsync(method, Encoding.UTF8.GetBytes(message), id, timeout ?? RequestTimeout, record: true, cancellationToken);
    }

    /// <summary>
    /// Sends bytes as one message, whatever they are, and waits for the error or response with <paramref name="expectedId"/>
    /// (raw JSON, e.g. <c>"x"</c>) or with <c>id: null</c>, as a server must answer a message whose id it could not read.
    /// </summary>
    public Task<RpcOutcome> SendRawAsync(string label, byte[] message, string expectedId, TimeSpan wait, CancellationToken cancellationToken) =>
        SendAndAwaitAsync(label, message, expectedId, wait, record: false, cancellationToken);

    public Task NotifyAsync(string method, string? paramsJson, CancellationToken cancellationToken)
    {
        var message = paramsJson is null
            ? $$"""{"jsonrpc":"2.0","method":{{JsonText.Quote(method)}}}"""
            : $$"""{"jsonrpc":"2.0","method":{{JsonText.Quote(method)}},"params":{{paramsJson}}}""";
        return SendQuietlyAsync(Encoding.UTF8.GetBytes(message), cancellationToken);
    }

    private async Task SendQuietlyAsync(byte[] message, CancellationToken cancellationToken)
    {
        try
        {
            await _connection.SendAsync(message, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is ConnectionClosedException or HttpStatusException)
        {
            // A notification gets no answer; a failed one shows up in the next request.
        }
    }

    private async Task<RpcOutcome> SendAndAwaitAsync(string method, byte[] message, string id, TimeSpan timeout, bool record, CancellationToken cancellationToken)
    {
        var pending = new Pending(method);
        _pending[id] = pending;
        var watch = Stopwatch.StartNew();
        RpcOutcome outcome;
        try
        {
            if (_closed) throw new ConnectionClosedException("the server has exited");
            await _connection.SendAsync(message, cancellationToken).ConfigureAwait(false);
            var finished = await Task.WhenAny(pending.Completion.Task, Task.Delay(timeout, cancellationToken)).ConfigureAwait(false);
            outcome = finished == pending.Completion.Task
                ? pending.Completion.Task.Result with { Elapsed = watch.Elapsed }
                : new RpcOutcome(method, null, null, watch.Elapsed, 0, _closed ? "the server exited before answering" : $"no answer within {timeout.TotalMilliseconds:0} ms");
        }
        catch (ConnectionClosedException e)
        {
            outcome = new RpcOutcome(method, null, null, watch.Elapsed, 0, e.Message);
        }
        catch (HttpStatusException e)
        {
            outcome = new RpcOutcome(method, null, ErrorFromBody(e.Body), watch.Elapsed, e.Body.Length, e.Message) { HttpStatus = e };
        }
        finally
        {
            _pending.TryRemove(id, out _);
            if (_pending.TryGetValue("null", out var nullWaiter) && ReferenceEquals(nullWaiter, pending)) _pending.TryRemove("null", out _);
        }
        if (record)
        {
            lock (_exchanges) _exchanges.Add(outcome);
        }
        return outcome;
    }

    private static RpcError? ErrorFromBody(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return ReadError(document.RootElement.Clone());
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private async Task PumpAsync()
    {
        await foreach (var incoming in _connection.Received.ReadAllAsync().ConfigureAwait(false))
        {
            var envelope = incoming.Envelope;
            switch (envelope.Kind)
            {
                case RpcKind.Invalid:
                    StrayLineCount++;
                    lock (_strayLines)
                    {
                        if (_strayLines.Count < 20) _strayLines.Add(Encoding.UTF8.GetString(incoming.Bytes));
                    }
                    break;
                case RpcKind.Response or RpcKind.Error:
                    Complete(envelope.Id ?? "null", incoming);
                    break;
                case RpcKind.Request:
                    await AnswerServerRequestAsync(envelope).ConfigureAwait(false);
                    break;
                case RpcKind.Notification:
                    NotificationsReceived++;
                    break;
            }
        }
        _closed = true;
        foreach (var pending in _pending.Values)
        {
            pending.Completion.TrySetResult(new RpcOutcome(pending.Method, null, null, TimeSpan.Zero, 0, "the server exited before answering"));
        }
    }

    private void Complete(string id, Incoming incoming)
    {
        if (!_pending.TryGetValue(id, out var pending))
        {
            // An error with id null answers the raw message in flight, if one is waiting.
            if (id != "null" || _pending.IsEmpty) return;
            foreach (var candidate in _pending.Values) { pending = candidate; break; }
            if (pending is null) return;
        }
        using var document = JsonDocument.Parse(incoming.Bytes);
        var root = document.RootElement.Clone();
        var result = root.TryGetProperty("result", out var r) ? r : (JsonElement?)null;
        var error = ReadError(root);
        if (result is null && error is null) return;
        pending.Completion.TrySetResult(new RpcOutcome(pending.Method, result, error, TimeSpan.Zero, incoming.Bytes.Length, null) { ResponseId = id });
    }

    private static RpcError? ReadError(JsonElement message)
    {
        if (!message.TryGetProperty("error", out var error) || error.ValueKind != JsonValueKind.Object) return null;
        var code = error.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.Number && c.TryGetInt32(out var n) ? n : 0;
        var text = error.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString()! : "";
        return new RpcError(code, text, error.TryGetProperty("data", out var d) ? d : null);
    }

    /// <summary>The CLI declares no client capabilities: it answers <c>ping</c> and refuses everything else.</summary>
    private Task AnswerServerRequestAsync(RpcEnvelope request)
    {
        var answer = request.Method == "ping"
            ? "{\"jsonrpc\":\"2.0\",\"id\":" + request.Id + ",\"result\":{}}"
            : "{\"jsonrpc\":\"2.0\",\"id\":" + request.Id + ",\"error\":{\"code\":-32601,\"message\":\"Method not found\",\"data\":{\"method\":" + JsonText.Quote(request.Method ?? "") + "}}}";
        return SendQuietlyAsync(Encoding.UTF8.GetBytes(answer), CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        await _connection.DisposeAsync().ConfigureAwait(false);
        await Task.WhenAny(_pump, Task.Delay(2000)).ConfigureAwait(false);
    }

    private sealed class Pending(string method)
    {
        public string Method { get; } = method;
        public TaskCompletionSource<RpcOutcome> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}

/// <summary>The CLI's own version, sent as <c>clientInfo.version</c>.</summary>
internal static class CliVersion
{
    public static string Value { get; } =
        typeof(CliVersion).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";
}
