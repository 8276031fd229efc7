using System;
using System.Collections.Concurrent;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using McpForge.JsonRpc;
using McpForge.Server;
using McpForge.Transports;

namespace McpForge.ClientInput;

/// <summary>
/// The requests a legacy session's server sends its client (sampling, elicitation, roots), correlated by ids of the
/// server's own, and the client's answers to them. 2026-07-28 requests never reach here: the server does not send
/// requests to modern clients, it answers <c>input_required</c> instead.
/// </summary>
internal sealed class LegacyClientRequests(McpConnection connection)
{
    private readonly ConcurrentDictionary<long, TaskCompletionSource<JsonElement>> _outgoing = new();
    private long _nextId;

    /// <summary>
    /// Sends a request to the client and returns its <c>result</c>. An <c>error</c> answer throws
    /// <see cref="McpClientException"/>, no answer within <paramref name="timeout"/> throws <see cref="TimeoutException"/>.
    /// <paramref name="relatedRequest"/> is the call it is made for (Streamable HTTP sends it on that call's stream).
    /// </summary>
    public async Task<JsonElement> SendAsync<TState>(string method, RequestId relatedRequest, TState state, Action<Utf8JsonWriter, TState> writeParams,
        TimeSpan timeout, CancellationToken cancellationToken)
    {
        var id = Interlocked.Increment(ref _nextId);
        var answer = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        _outgoing[id] = answer;
        try
        {
            var buffer = MessageBuffer.Rent();
            try
            {
                var w = buffer.Json;
                w.WriteStartObject();
                w.WriteString("jsonrpc"u8, "2.0"u8);
                w.WriteNumber("id"u8, id);
                w.WriteString("method"u8, method);
                w.WritePropertyName("params"u8);
                writeParams(w, state);
                w.WriteEndObject();
                connection.Sink.Send(buffer.WrittenSpan, new McpMessageRoute(McpOutgoingKind.Request, relatedRequest));
                connection.Server.Tracer?.Outgoing(connection.SessionId, buffer.WrittenSpan);
            }
            finally
            {
                buffer.Return();
            }
            try
            {
                return await answer.Task.WaitAsync(timeout, connection.Server.Options.TimeProvider, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                throw new TimeoutException($"The client did not answer '{method}' within {timeout.TotalMilliseconds:0} ms.");
            }
        }
        finally
        {
            _outgoing.TryRemove(id, out _);
        }
    }

    /// <summary>A response from the client: completes the request it answers; false when it answers none of ours.</summary>
    public bool TryComplete(in JsonRpcEnvelope envelope, ReadOnlySpan<byte> message)
    {
        if (!envelope.Id.TryGetNumber(out var number) || !_outgoing.TryRemove(number, out var answer)) return false;
        using var document = JsonDocument.Parse(envelope.Params(message).ToArray());
        var value = document.RootElement.Clone();
        if (envelope.IsError)
        {
            var code = value.TryGetProperty("code"u8, out var c) && c.TryGetInt32(out var parsed) ? parsed : 0;
            var text = value.TryGetProperty("message"u8, out var m) ? m.GetString() : null;
            answer.TrySetException(new McpClientException(code, text ?? "The client answered with an error."));
        }
        else
        {
            answer.TrySetResult(value);
        }
        return true;
    }
}
