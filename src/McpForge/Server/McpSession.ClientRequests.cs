using System;
using System.Collections.Concurrent;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using McpForge.JsonRpc;

namespace McpForge.Server;

internal sealed partial class McpSession
{
    private readonly ConcurrentDictionary<long, TaskCompletionSource<JsonElement>> _outgoing = new();
    private long _nextOutgoingId;

    /// <summary>The capabilities the client declared in <c>initialize</c> (roots, sampling, elicitation).</summary>
    public McpClientCapabilities ClientCapabilities { get; private set; } = McpClientCapabilities.None;

    /// <summary>
    /// Sends a request to the client and returns its <c>result</c>. Correlated by an id of the server's own; an
    /// <c>error</c> answer throws <see cref="McpClientException"/>, no answer within <paramref name="timeout"/> throws
    /// <see cref="TimeoutException"/>. <paramref name="relatedRequest"/> is the call it is made for (Streamable HTTP sends it
    /// on that call's stream).
    /// </summary>
    internal async Task<JsonElement> SendRequestAsync<TState>(string method, RequestId relatedRequest, TState state, Action<Utf8JsonWriter, TState> writeParams,
        TimeSpan timeout, CancellationToken cancellationToken)
    {
        var id = Interlocked.Increment(ref _nextOutgoingId);
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
                _sink.Send(buffer.WrittenSpan, new MessageRoute(OutgoingKind.Request, relatedRequest));
                Server.Tracer?.Outgoing(SessionId, buffer.WrittenSpan);
            }
            finally
            {
                buffer.Return();
            }
            try
            {
                return await answer.Task.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
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

    /// <summary>A response from the client: completes the request it answers; one answering nothing is logged and dropped.</summary>
    private void HandleResponse(in JsonRpcEnvelope envelope, ReadOnlySpan<byte> message)
    {
        if (!envelope.Id.TryGetNumber(out var number) || !_outgoing.TryRemove(number, out var answer))
        {
            Diagnostics.McpLog.UnmatchedResponse(Server.Logger, envelope.Id.ToString());
            return;
        }
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
    }

    /// <summary>Reads the <c>capabilities</c> object of <c>initialize</c>.</summary>
    private static McpClientCapabilities ReadClientCapabilities(ref Utf8JsonReader reader)
    {
        var capabilities = McpClientCapabilities.None;
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return capabilities;
        }
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("roots"u8))
            {
                reader.Read();
                capabilities |= McpClientCapabilities.Roots | ReadFlags(ref reader, "listChanged"u8, McpClientCapabilities.RootsListChanged);
            }
            else if (reader.ValueTextEquals("sampling"u8))
            {
                reader.Read();
                capabilities |= McpClientCapabilities.Sampling | ReadFlags(ref reader, "tools"u8, McpClientCapabilities.SamplingTools, "context"u8, McpClientCapabilities.SamplingContext);
            }
            else if (reader.ValueTextEquals("elicitation"u8))
            {
                reader.Read();
                var modes = ReadFlags(ref reader, "form"u8, McpClientCapabilities.Elicitation, "url"u8, McpClientCapabilities.ElicitationUrl);
                // "elicitation": {} (the 2025-06-18 form) means form mode only.
                capabilities |= modes == McpClientCapabilities.None ? McpClientCapabilities.Elicitation : modes;
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
        return capabilities;
    }

    /// <summary>Which of the named members an object capability has (an object, or <c>true</c>).</summary>
    private static McpClientCapabilities ReadFlags(ref Utf8JsonReader reader, ReadOnlySpan<byte> first, McpClientCapabilities firstFlag,
        ReadOnlySpan<byte> second = default, McpClientCapabilities secondFlag = McpClientCapabilities.None)
    {
        var flags = McpClientCapabilities.None;
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return flags;
        }
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var flag = reader.ValueTextEquals(first) ? firstFlag
                : !second.IsEmpty && reader.ValueTextEquals(second) ? secondFlag
                : McpClientCapabilities.None;
            reader.Read();
            if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.True) flags |= flag;
            reader.Skip();
        }
        return flags;
    }
}
