using System;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using McpForge.JsonRpc;
using McpForge.Tools;

namespace McpForge.Server;

internal sealed partial class McpSession
{
    private const int MaxNameBytes = 512;

    private void HandleToolsCall(RequestId id, ReadOnlySpan<byte> @params, McpCaller caller)
    {
        if (!TryReadNamedCall(id, @params, "tools/call", "tool", Server.Tools, out var tool, out var arguments, out var progressToken))
        {
            return;
        }
        if (!caller.IsAllowed(tool!.Authorization))
        {
            SendForbidden(id, caller, tool, "tool"); // before binding: a refused caller learns nothing from its arguments
            return;
        }
        if (_inFlight.ContainsKey(id))
        {
            SendError(id, JsonRpcErrorCode.InvalidRequest, $"The request id {id} is already used by a request in progress.");
            return;
        }
        Invoke(tool, id, progressToken, arguments, caller);
    }

    /// <summary>
    /// Reads the params of <c>tools/call</c> and <c>prompts/get</c>: <c>name</c> (found with the generated lookups),
    /// <c>arguments</c> (an object, or absent) and <c>_meta.progressToken</c>. Answers -32602 and returns false
    /// when they break the method's schema or name nothing.
    /// </summary>
    private bool TryReadNamedCall<TItem>(RequestId id, ReadOnlySpan<byte> @params, string method, string kind, ComponentRegistry<TItem> registry,
        out TItem? item, out ReadOnlySpan<byte> arguments, out RequestId progressToken) where TItem : class
    {
        item = null;
        arguments = ReadOnlySpan<byte>.Empty;
        progressToken = default;
        if (!TryStartParams(id, @params, out var reader)) return false;

        string? unknownName = null;
        var nameSeen = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("name"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.String)
                {
                    SendError(id, JsonRpcErrorCode.InvalidParams, $"{method} \"name\" must be a string.");
                    return false;
                }
                nameSeen = true;
                item = Find(ref reader, registry);
                unknownName = item is null ? reader.GetString() : null;
            }
            else if (reader.ValueTextEquals("arguments"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.StartObject)
                {
                    var start = (int)reader.TokenStartIndex;
                    reader.Skip();
                    arguments = @params[start..(int)reader.BytesConsumed];
                }
                else if (reader.TokenType != JsonTokenType.Null)
                {
                    SendError(id, JsonRpcErrorCode.InvalidParams, $"{method} \"arguments\" must be an object.");
                    return false;
                }
            }
            else if (reader.ValueTextEquals("_meta"u8))
            {
                reader.Read();
                progressToken = ReadProgressToken(ref reader);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        if (!nameSeen)
        {
            SendError(id, JsonRpcErrorCode.InvalidParams, $"{method} requires \"name\".");
            return false;
        }
        if (item is null)
        {
            SendError(id, JsonRpcErrorCode.InvalidParams, $"Unknown {kind}: '{unknownName}'. Call {kind}s/list for the available {kind}s.");
            return false;
        }
        return true;
    }

    /// <summary>The component named by the string token, unescaped into a stack buffer only when the JSON escaped it.</summary>
    private static TItem? Find<TItem>(ref Utf8JsonReader reader, ComponentRegistry<TItem> registry) where TItem : class
    {
        if (!reader.ValueIsEscaped)
        {
            return registry.Find(reader.ValueSpan);
        }
        if (reader.ValueSpan.Length > MaxNameBytes)
        {
            return null;
        }
        Span<byte> unescaped = stackalloc byte[MaxNameBytes];
        var length = reader.CopyString(unescaped);
        return registry.Find(unescaped[..length]);
    }

    private static RequestId ReadProgressToken(ref Utf8JsonReader reader)
    {
        RequestId token = default;
        if (reader.TokenType == JsonTokenType.StartObject)
        {
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isToken = reader.ValueTextEquals("progressToken"u8);
                reader.Read();
                if (isToken && RequestId.TryRead(ref reader, out var value)) token = value;
                reader.Skip();
            }
        }
        else
        {
            reader.Skip();
        }
        return token;
    }

    private void Invoke(McpTool tool, RequestId id, RequestId progressToken, ReadOnlySpan<byte> arguments, McpCaller caller)
    {
        var call = new McpToolCall(this, tool, id, progressToken) { User = caller.User };

        // Every call holds a response slot from here until its outcome is decided; requests that find every slot
        // taken wait their turn (McpSession.Admission.cs), and draining at end of input waits for them.
        call.HoldSlot();
        HoldResponseSlot();

        if ((tool.Timeout ?? Server.Options.ToolTimeout) is TimeSpan timeout)
        {
            Server.Deadlines.Add(call, timeout);
        }

        ValueTask pending;
        try
        {
            pending = tool.Invoker(call, arguments);
        }
        catch (Exception ex)
        {
            Finish(call, ex);
            return;
        }

        if (pending.IsCompleted)
        {
            Exception? failure = null;
            try
            {
                pending.GetAwaiter().GetResult();
            }
            catch (Exception ex)
            {
                failure = ex;
            }
            Finish(call, failure);
            return;
        }

        // The call went asynchronous: make it findable by notifications/cancelled. If it finished on another
        // thread before it was added, Finish could not remove it, so it is removed here instead.
        _inFlight[id] = call;
        if (!call.IsRunning)
        {
            _inFlight.TryRemove(new(id, call));
        }
        _ = CompleteAsync(call, pending);
    }

    private async Task CompleteAsync(McpToolCall call, ValueTask pending)
    {
        Exception? failure = null;
        try
        {
            await pending.ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            failure = ex;
        }
        Finish(call, failure);
    }

    /// <summary>The call's deadline passed (<see cref="ToolDeadlines"/>): unless it ended first, its token fires and it gets -32001.</summary>
    internal void OnTimeout(McpToolCall call)
    {
        if (!call.TryFinish(McpToolCall.TimedOut))
        {
            return; // Completed, or cancelled by the client, first.
        }
        _inFlight.TryRemove(new(call.RequestId, call));
        call.CancelToken();
        var timeout = (call.Tool.Timeout ?? Server.Options.ToolTimeout).GetValueOrDefault();
        Diagnostics.McpLog.ToolTimedOut(Server.Logger, call.Tool.Name, call.RequestId.ToString(), timeout.TotalMilliseconds);
        var buffer = MessageBuffer.Rent();
        try
        {
            JsonRpcWriter.WriteTimeout(buffer.Json, call.RequestId,
                string.Create(CultureInfo.InvariantCulture, $"Tool '{call.Tool.Name}' did not complete within {timeout.TotalMilliseconds:0} ms ({(call.Tool.Timeout is null ? "McpServerOptions.ToolTimeout" : "its TimeoutMs")})."),
                (long)timeout.TotalMilliseconds);
            SendResponse(call.RequestId, buffer.WrittenSpan);
        }
        finally
        {
            buffer.Return();
        }
        ResponseDecided(call);
    }

    /// <summary>Decides and sends the one response of a call that ended, unless cancellation or timeout decided it first.</summary>
    private void Finish(McpToolCall call, Exception? failure)
    {
        if (!call.TryFinish(McpToolCall.Completed))
        {
            // The client cancelled it (no response, per the spec) or the timeout already answered. Either decided
            // the outcome before it fired the token, so a tool that gave up on its token always lands here.
            call.ReleaseResult();
            return;
        }
        Server.Deadlines.Remove(call);
        _inFlight.TryRemove(new(call.RequestId, call));
        try
        {
            if (failure is null)
            {
                SendCompleted(call);
            }
            else if (failure is ResponseTooLargeException tooLarge)
            {
                SendResponseTooLarge(call.RequestId, $"tool '{call.Tool.Name}'", tooLarge.Limit);
            }
            else if (call.ResultBuffer is not null)
            {
                call.ReleaseResult();
                ObserveOutcome(call.RequestId, "serialization_failure");
                if (Diagnostics.McpTelemetry.SerializationFailures.Enabled)
                {
                    Diagnostics.McpTelemetry.SerializationFailures.Add(1, Diagnostics.McpTelemetry.Tag("gen_ai.tool.name", call.Tool.Name));
                }
                LogException($"writing the result of tool '{call.Tool.Name}'", failure);
                SendError(call.RequestId, JsonRpcErrorCode.InternalError, "Response serialization failed: " + failure.Message);
            }
            else
            {
                SendToolFailure(call, failure);
            }
        }
        finally
        {
            call.ReleaseResult();
            // Only the Completed outcome disposes: the cancel and timeout paths may still be touching the source.
            call.DisposeToken();
            ResponseDecided(call);
            WarnIfSlow(call, "tools/call", call.Tool.Name);
        }
    }

    private void SendCompleted(McpToolCall call)
    {
        if (call.HasArgumentErrors)
        {
            SendArgumentErrors(call);
            return;
        }
        if (call.ResultBuffer is not { } buffer)
        {
            SendError(call.RequestId, JsonRpcErrorCode.InternalError, $"Tool '{call.Tool.Name}' completed without writing a result.");
            return;
        }
        SendResult(call, buffer, $"tool '{call.Tool.Name}'");
    }

    private void SendArgumentErrors(McpToolCall call)
    {
        ObserveOutcome(call.RequestId, "invalid_arguments");
        var details = $"Invalid arguments for tool '{call.Tool.Name}'";
        var buffer = MessageBuffer.Rent();
        try
        {
            var w = buffer.Json;
            if (Server.Options.ArgumentErrors == ErrorReporting.JsonRpcError)
            {
                JsonRpcWriter.WriteInvalidArguments(w, call.RequestId, details + ".", call.ArgumentErrors);
            }
            else
            {
                var text = new StringBuilder(details).Append(':');
                foreach (var error in call.ArgumentErrors)
                {
                    text.Append("\n- ").Append(error.Path).Append(": ").Append(error.Message);
                }
                JsonRpcWriter.StartResult(w, call.RequestId);
                w.WriteStartObject();
                w.WriteStartArray("content"u8);
                w.WriteStartObject();
                w.WriteString("type"u8, "text"u8);
                w.WriteString("text"u8, text.ToString());
                w.WriteEndObject();
                w.WriteEndArray();
                w.WriteStartObject("structuredContent"u8);
                JsonRpcWriter.WriteArgumentErrors(w, call.ArgumentErrors);
                w.WriteEndObject();
                w.WriteBoolean("isError"u8, true);
                w.WriteEndObject();
                JsonRpcWriter.EndMessage(w);
            }
            SendResponse(call.RequestId, buffer.WrittenSpan);
        }
        finally
        {
            buffer.Return();
        }
    }

    /// <summary>-32602 whose details list every argument problem after <paramref name="lead"/>, and whose data has them as <c>errors</c>.</summary>
    private void SendInvalidArguments(McpCall call, string lead)
    {
        var details = new StringBuilder(lead);
        foreach (var error in call.ArgumentErrors) details.Append(' ').Append(error.Path).Append(": ").Append(error.Message).Append(';');
        var buffer = MessageBuffer.Rent();
        try
        {
            JsonRpcWriter.WriteInvalidArguments(buffer.Json, call.RequestId, details.ToString().TrimEnd(';') + ".", call.ArgumentErrors);
            SendResponse(call.RequestId, buffer.WrittenSpan);
        }
        finally
        {
            buffer.Return();
        }
    }

    private void SendToolFailure(McpToolCall call, Exception failure)
    {
        if (failure is UrlElicitationRequiredException elicitation)
        {
            // Not a failure of the tool: the client is asked to have the user complete these and call again.
            var required = MessageBuffer.Rent();
            try
            {
                JsonRpcWriter.WriteUrlElicitationRequired(required.Json, call.RequestId, elicitation.Elicitations);
                SendResponse(call.RequestId, required.WrittenSpan);
            }
            finally
            {
                required.Return();
            }
            return;
        }
        ObserveOutcome(call.RequestId, "exception");
        LogException($"tool '{call.Tool.Name}'", failure);
        if (Server.Options.ToolErrors == ErrorReporting.JsonRpcError)
        {
            SendError(call.RequestId, JsonRpcErrorCode.ToolExecutionFailed, failure.Message);
            return;
        }
        var buffer = MessageBuffer.Rent();
        try
        {
            var w = buffer.Json;
            JsonRpcWriter.StartResult(w, call.RequestId);
            w.WriteStartObject();
            w.WriteStartArray("content"u8);
            w.WriteStartObject();
            w.WriteString("type"u8, "text"u8);
            w.WriteString("text"u8, failure.Message);
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteBoolean("isError"u8, true);
            w.WriteEndObject();
            JsonRpcWriter.EndMessage(w);
            SendResponse(call.RequestId, buffer.WrittenSpan);
        }
        finally
        {
            buffer.Return();
        }
    }

    /// <summary>A call's outcome is decided: free its slot (once), and wake a reader waiting for capacity or a drain.</summary>
    private void ResponseDecided(McpToolCall call)
    {
        if (call.TryReleaseSlot()) ReleaseResponseSlot();
    }

    private void HoldResponseSlot() => Interlocked.Increment(ref _pendingResponses);

    /// <summary>
    /// Runs <paramref name="finish"/> once <paramref name="pending"/> (a generated invoker's task) has settled:
    /// at once when it completed synchronously, otherwise when it completes; a failure is passed, never thrown.
    /// </summary>
    private static void Settle<TCall>(TCall call, ValueTask pending, Action<TCall, Exception?> finish)
    {
        if (!pending.IsCompleted)
        {
            _ = SettleAsync(call, pending, finish);
            return;
        }
        Exception? failure = null;
        try
        {
            pending.GetAwaiter().GetResult();
        }
        catch (Exception ex)
        {
            failure = ex;
        }
        finish(call, failure);
    }

    private static async Task SettleAsync<TCall>(TCall call, ValueTask pending, Action<TCall, Exception?> finish)
    {
        Exception? failure = null;
        try
        {
            await pending.ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            failure = ex;
        }
        finish(call, failure);
    }

    private void ReleaseResponseSlot()
    {
        Interlocked.Decrement(ref _pendingResponses);
        StartQueuedIfFree(); // a queued request takes the slot, or a drain waiting for the last one completes
    }

    /// <summary>Completes when every request read so far has its response (or was cancelled by the client).</summary>
    public Task DrainAsync()
    {
        lock (_capacityGate)
        {
            if (Volatile.Read(ref _pendingResponses) == 0 && _admitting == 0 && _queue.Count == 0) return Task.CompletedTask;
            _drainWaiter ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return _drainWaiter.Task;
        }
    }
}
